using System.Globalization;
using LowLatency.Binance;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host.Venues;

/// <summary>
/// What a USDⓈ-M futures account does unlike spot. A replace is Binance's modify (<c>PUT /fapi/v1/order</c>): the
/// LIMIT order keeps its ids and its fills and takes the new total quantity, so no fill can cross it unseen. The
/// conditional types left <c>/fapi/v1/order</c> for the Algo Order API, so stop orders are refused here. At every
/// connection the configured leverage and margin type are set on each symbol, and each symbol with no order of ours
/// working has its position stated to the engine, which halts when its journal's fills do not make the same.
/// </summary>
public sealed partial class BinanceVenue
{
    /// <summary>Binance's code for a modify that changes nothing.</summary>
    private const int NoNeedToModify = -5027;

    /// <summary>Binance's code for a margin type already set.</summary>
    private const int NoNeedToChangeMarginType = -4046;

    /// <summary>Why Binance cannot take the order at all (null: it can): no DAY orders anywhere, no stop orders on futures' order endpoint.</summary>
    private string? Unsendable(in Intent intent) => (intent.TimeInForce, intent.Type) switch
    {
        (TimeInForce.Day, _) => "Binance has no DAY orders (GTC, IOC or FOK)",
        (_, OrderType.Stop or OrderType.StopLimit) when _futures => "Binance USDⓈ-M futures takes stop orders only through its Algo Order API, which this venue does not use",
        _ => null,
    };

    /// <summary>Modifies the futures order to <paramref name="wantedLots"/> in total, at its price; only LIMIT orders can be.</summary>
    private void SendModify(VenueOrder order, int version, long wantedLots)
    {
        if (order.Type != OrderType.Limit)
        {
            ModifyRefused(order, "Binance USDⓈ-M futures modifies LIMIT orders only");
            return;
        }

        var instrument = _registry[order.InstrumentId];
        var query = $"symbol={_symbols[order.InstrumentId]}&origClientOrderId={ClientId(order.OrderId, version, order.Incarnation)}&side={(order.Side == Side.Buy ? "BUY" : "SELL")}" +
            $"&quantity={Decimal(instrument.LotsToQuantity(wantedLots))}&price={Decimal(instrument.TicksToPrice(order.LimitTicks))}";
        var answer = Request(HttpMethod.Put, _api.Order, query, weight: 1, isOrder: true);
        if (answer.Ok && OrderEventReader.TryReadOrder(answer.Body, out var state) && OutcomeOf(state!.Status) is null)
        {
            lock (_orders)
            {
                if (_orders.TryGetValue(order.OrderId, out var current) && current == order)
                {
                    order.PendingVersion = 0;
                    order.VenueLots = instrument.NearestLots(state.OriginalQuantity);
                    Publish(Report(order, VenueOutcome.Replaced) with { VenueQuantityLots = order.VenueLots });
                }
            }

            Pump(order.OrderId); // whatever the engine asked meanwhile
            return;
        }

        if (answer.Unknown is not null || answer.Ok)
        {
            // Binance's state settles it, the modify still marked in flight: the quantity it works tells whether it was done.
            LogUnknown(_logger, Name, order.OrderId, "modify", answer.Unknown ?? "an order no longer working (a quantity not above its fills cancels it)");
            if (answer.Unknown is null)
            {
                Resolve(order.OrderId);
            }
            else
            {
                ResolveLater(order.OrderId, AfterRecvWindow);
            }

            return;
        }

        if (answer.Code is NoSuchOrder or NoNeedToModify || answer.NotSent is not null)
        {
            Resolve(order.OrderId); // finished meanwhile, already at that quantity, or held back: Binance's word settles it
            return;
        }

        ModifyRefused(order, answer.ToString());
    }

    private void ModifyRefused(VenueOrder order, string why)
    {
        Interlocked.Increment(ref _refused);
        LogReplaceRefused(_logger, Name, order.OrderId, why);
        lock (_orders)
        {
            order.PendingVersion = 0;
            Publish(Report(order, VenueOutcome.ReplaceRejected));
        }
    }

    /// <summary>The configured leverage and margin type, set on every routed symbol (Binance keeps them per symbol); a refusal is logged and named.</summary>
    private void ApplySettings()
    {
        foreach (var symbol in _symbolsByInstrument.Values)
        {
            if (_config.Leverage is { } leverage)
            {
                var answer = Request(HttpMethod.Post, "/fapi/v1/leverage", string.Create(CultureInfo.InvariantCulture, $"symbol={symbol}&leverage={leverage}"), weight: 1, isOrder: false);
                SettingAnswered(symbol, $"leverage {leverage}", answer, ok: answer.Ok);
            }

            if (_config.MarginType is { } margin)
            {
                var wanted = margin == "isolated" ? "ISOLATED" : "CROSSED";
                var answer = Request(HttpMethod.Post, "/fapi/v1/marginType", $"symbol={symbol}&marginType={wanted}", weight: 1, isOrder: false);
                SettingAnswered(symbol, $"margin type {margin}", answer, ok: answer.Ok || answer.Code == NoNeedToChangeMarginType);
            }
        }
    }

    private void SettingAnswered(string symbol, string setting, BinanceAnswer answer, bool ok)
    {
        if (!ok)
        {
            Volatile.Write(ref _lastEvent, $"{symbol}: {setting} not set: {answer}");
            LogSettingRefused(_logger, Name, symbol, setting, answer.ToString());
        }
    }

    /// <summary>
    /// States Binance's position in each symbol with no order of ours working before and after the read (a fill in
    /// flight would make the two differ for a moment, not for a reason), in order before the reconciliation's end.
    /// </summary>
    private void StatePositions()
    {
        var quietBefore = QuietInstruments();
        var answer = Request(HttpMethod.Get, "/fapi/v2/positionRisk", "", weight: 5, isOrder: false);
        var positions = answer.Ok ? PositionRiskReader.Read(answer.Body) : null;
        if (positions is null)
        {
            LogPositionsUnread(_logger, Name, answer.ToString());
            return;
        }

        var summary = new List<string>();
        lock (_orders)
        {
            var quietAfter = QuietInstruments();
            foreach (var (instrument, symbol) in _symbolsByInstrument)
            {
                var position = positions.GetValueOrDefault(symbol); // a symbol not listed holds nothing
                var amount = position?.Amount ?? 0;
                if (position is not null)
                {
                    summary.Add(string.Create(CultureInfo.InvariantCulture, $"{symbol} {position.Amount} (mark {position.MarkPrice}, {position.Leverage}x {position.MarginType})"));
                }

                if (quietBefore.Contains(instrument) && quietAfter.Contains(instrument))
                {
                    Publish(new VenueReport { OrderId = 0, InstrumentId = instrument, Outcome = VenueOutcome.PositionStated, CumulativeLots = _registry[instrument].NearestLots(amount), TimeMs = NowMs });
                }
            }
        }

        Volatile.Write(ref _lastEvent, $"positions: {string.Join("; ", summary)}");
    }

    private HashSet<int> QuietInstruments()
    {
        lock (_orders)
        {
            var busy = _orders.Values.Select(o => o.InstrumentId).ToHashSet();
            return [.. _symbolsByInstrument.Keys.Where(i => !busy.Contains(i))];
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Binance venue {Venue}: {Symbol}: {Setting} refused: {Why}")]
    private static partial void LogSettingRefused(ILogger logger, string venue, string symbol, string setting, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "Binance venue {Venue}: positions not read ({Why}); they are compared with the journal at the next connection")]
    private static partial void LogPositionsUnread(ILogger logger, string venue, string why);
}
