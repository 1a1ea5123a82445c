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
/// would refuse is refused here first (<see cref="RejectReason.VenueFilter"/>, the rule it broke in the venue's last
/// event). The percent filters' reference is the latest mid quote, where Binance uses a few minutes' average.
/// </summary>
public sealed partial class BinanceVenue
{
    private readonly long[] _midTicks; // the trading thread's alone
    private SymbolFilters?[] _filters = []; // replaced whole by the sender thread
    private long _screened;

    /// <summary>Orders refused by Binance's filters before they were sent.</summary>
    public long OrdersScreened => Interlocked.Read(ref _screened);

    public void OnQuote(in Tick tick, IVenueListener listener)
    {
        if (tick.BidTicks > 0 && tick.AskTicks >= tick.BidTicks)
        {
            _midTicks[tick.InstrumentId] = (tick.BidTicks + tick.AskTicks) / 2;
        }
    }

    public RejectReason Screen(in OrderRequest request)
    {
        if (_futures && request.Type is OrderType.Stop or OrderType.StopLimit)
        {
            Interlocked.Increment(ref _screened);
            Volatile.Write(ref _lastEvent, "order refused before Binance: USDⓈ-M futures takes stop orders only through its Algo Order API");
            return RejectReason.VenueFilter;
        }

        var filters = Volatile.Read(ref _filters);
        if ((uint)request.InstrumentId >= (uint)filters.Length || filters[request.InstrumentId] is not { } symbol)
        {
            return RejectReason.None; // not read yet: Binance's own answer decides
        }

        var instrument = _registry[request.InstrumentId];
        var mid = _midTicks[request.InstrumentId];
        var market = request.Type is OrderType.Market or OrderType.Stop;
        var priceTicks = request.Type switch { OrderType.Market => mid, OrderType.Stop => request.StopTicks, _ => request.LimitTicks };
        if (priceTicks <= 0)
        {
            return RejectReason.None; // nothing to price it by: Binance decides
        }

        var why = symbol.Check(request.Side == Side.Buy, instrument.TicksToPrice(priceTicks), instrument.LotsToQuantity(request.QuantityLots),
            market || mid <= 0 ? null : instrument.TicksToPrice(mid));
        if (why is null)
        {
            return RejectReason.None;
        }

        Interlocked.Increment(ref _screened);
        Volatile.Write(ref _lastEvent, $"order refused before Binance: {why}");
        return RejectReason.VenueFilter;
    }

    /// <summary>The symbols' filters from <c>exchangeInfo</c>; the previous ones stay when it cannot be read.</summary>
    private void LoadFilters()
    {
        var names = string.Join(',', _symbolsByInstrument.Values.Select(s => $"\"{s}\""));
        var query = _futures ? "" : $"symbols={Uri.EscapeDataString($"[{names}]")}"; // futures lists every symbol, and takes no filter
        var answer = _rest.PublicAsync(_api.ExchangeInfo, query, weight: _api.ExchangeInfoWeight, _stop.Token).GetAwaiter().GetResult();
        IReadOnlyDictionary<string, SymbolFilters> read;
        try
        {
            read = answer.Ok ? ExchangeInfoReader.Read(answer.Body) : throw new FormatException(answer.ToString());
        }
        catch (FormatException e)
        {
            LogFiltersUnread(_logger, Name, e.Message);
            return;
        }

        var filters = new SymbolFilters?[_registry.Count];
        foreach (var (id, name) in _symbolsByInstrument)
        {
            if (!read.TryGetValue(name, out var symbol))
            {
                LogSymbolUnknown(_logger, Name, name);
                continue;
            }

            filters[id] = symbol;
            var instrument = _registry[id];
            if ((symbol.TickSize > 0 && instrument.TickSize % symbol.TickSize != 0) || (symbol.StepSize > 0 && instrument.LotSize % symbol.StepSize != 0))
            {
                LogIncrementsDiffer(_logger, Name, instrument.Symbol, instrument.TickSize, instrument.LotSize, name, symbol.TickSize, symbol.StepSize);
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
