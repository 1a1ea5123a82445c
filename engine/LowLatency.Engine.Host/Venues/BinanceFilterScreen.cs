using LowLatency.Binance;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host.Venues;

/// <summary>
/// Binance's published filters (PRICE_FILTER, LOT_SIZE, NOTIONAL, PERCENT_PRICE and by side), read from
/// <c>exchangeInfo</c> at each user-data connection and checked with the pre-trade checks, so an order Binance
/// would refuse is refused here first (<see cref="RejectReason.VenueFilter"/>, the rule it broke named). The
/// percent filters' reference is the latest mid quote, where Binance uses a few minutes' average. On futures, stop
/// orders are refused too: Binance takes them only through its Algo Order API.
/// </summary>
internal sealed partial class BinanceFilterScreen(string venue, InstrumentRegistry registry, IReadOnlyDictionary<int, string> symbols, BinanceRestClient rest,
    BinanceOrderApi api, ILogger logger)
{
    private readonly long[] _midTicks = new long[registry.Count]; // the trading thread's alone
    private SymbolFilters?[] _filters = []; // replaced whole by the sender thread
    private long _screened;

    private string Name => venue;

    /// <summary>Orders refused before they were sent.</summary>
    public long OrdersScreened => Interlocked.Read(ref _screened);

    public void OnQuote(in Tick tick)
    {
        if (tick.BidTicks > 0 && tick.AskTicks >= tick.BidTicks)
        {
            _midTicks[tick.InstrumentId] = (tick.BidTicks + tick.AskTicks) / 2;
        }
    }

    /// <summary>The rule the order breaks, in words; null when Binance would take it (or its filters are not read yet: Binance's own answer decides).</summary>
    public string? Refusal(in OrderRequest request)
    {
        var why = Check(request);
        if (why is not null)
        {
            Interlocked.Increment(ref _screened);
        }

        return why;
    }

    private string? Check(in OrderRequest request)
    {
        if (api.Market == BinanceMarket.UsdMFutures && request.Type is OrderType.Stop or OrderType.StopLimit)
        {
            return "USDⓈ-M futures takes stop orders only through its Algo Order API";
        }

        var filters = Volatile.Read(ref _filters);
        if ((uint)request.InstrumentId >= (uint)filters.Length || filters[request.InstrumentId] is not { } symbol)
        {
            return null;
        }

        var instrument = registry[request.InstrumentId];
        var mid = _midTicks[request.InstrumentId];
        var market = request.Type is OrderType.Market or OrderType.Stop;
        var priceTicks = request.Type switch { OrderType.Market => mid, OrderType.Stop => request.StopTicks, _ => request.LimitTicks };
        if (priceTicks <= 0)
        {
            return null; // nothing to price it by: Binance decides
        }

        return symbol.Check(request.Side == Side.Buy, instrument.TicksToPrice(priceTicks), instrument.LotsToQuantity(request.QuantityLots),
            market || mid <= 0 ? null : instrument.TicksToPrice(mid));
    }

    /// <summary>The symbols' filters from <c>exchangeInfo</c>; the previous ones stay when it cannot be read.</summary>
    /// <param name="cancel">The venue stopping.</param>
    public void Load(CancellationToken cancel)
    {
        var names = string.Join(',', symbols.Values.Select(s => $"\"{s}\""));
        var query = api.Market == BinanceMarket.UsdMFutures ? "" : $"symbols={Uri.EscapeDataString($"[{names}]")}"; // futures lists every symbol, and takes no filter
        var answer = rest.PublicAsync(api.ExchangeInfo, query, weight: api.ExchangeInfoWeight, cancel).GetAwaiter().GetResult();
        IReadOnlyDictionary<string, SymbolFilters> read;
        try
        {
            read = answer.Ok ? ExchangeInfoReader.Read(answer.Body) : throw new FormatException(answer.ToString());
        }
        catch (FormatException e)
        {
            LogFiltersUnread(logger, Name, e.Message);
            return;
        }

        var filters = new SymbolFilters?[registry.Count];
        foreach (var (id, name) in symbols)
        {
            if (!read.TryGetValue(name, out var symbol))
            {
                LogSymbolUnknown(logger, Name, name);
                continue;
            }

            filters[id] = symbol;
            var instrument = registry[id];
            if ((symbol.TickSize > 0 && instrument.TickSize % symbol.TickSize != 0) || (symbol.StepSize > 0 && instrument.LotSize % symbol.StepSize != 0))
            {
                LogIncrementsDiffer(logger, Name, instrument.Symbol, instrument.TickSize, instrument.LotSize, name, symbol.TickSize, symbol.StepSize);
            }
        }

        Volatile.Write(ref _filters, filters);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Binance venue {Venue}: exchangeInfo not read ({Why}); orders are checked by Binance alone until it is")]
    private static partial void LogFiltersUnread(ILogger logger, string venue, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "Binance venue {Venue}: exchangeInfo has no trading symbol {Symbol}; its orders will be refused there")]
    private static partial void LogSymbolUnknown(ILogger logger, string venue, string symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Binance venue {Venue}: {Instrument} has tick {Tick} and lot {Lot}, which are not multiples of {Symbol}'s tick {BinanceTick} and step {BinanceStep}: some orders will be refused by the filters")]
    private static partial void LogIncrementsDiffer(ILogger logger, string venue, string instrument, decimal tick, decimal lot, string symbol, decimal binanceTick, decimal binanceStep);
}
