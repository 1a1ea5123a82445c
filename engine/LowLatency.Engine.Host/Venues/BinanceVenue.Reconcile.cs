using LowLatency.Binance;
using LowLatency.Engine.Execution;
using LowLatency.Fix.Messages;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host.Venues;

/// <summary>
/// Binance's word on an order, by query: every version it may work (a replace's answer may have been lost), its
/// trades where fills are missing (each booked at its own price), then its state. The same at each user-data
/// connection for every working order, with the account's open orders of ours that the journal does not work
/// cancelled.
/// </summary>
public sealed partial class BinanceVenue
{
    /// <summary>Binance's code for an order query of an order it does not have.</summary>
    private const int NoSuchOrder = -2013;

    private readonly long _startedMs = NowMs;

    private void Reconcile(int connection)
    {
        _reconciliation.Begin(1, null); // one pass on this thread; new orders wait for it
        try
        {
            _screen.Load(_stop.Token);
            if (_futures)
            {
                ApplySettings();
            }

            long[] working;
            lock (_orders)
            {
                working = [.. _orders.Keys];
            }

            foreach (var orderId in working)
            {
                Resolve(orderId);
            }

            foreach (var (instrument, symbol) in _symbolsByInstrument)
            {
                var answer = Request(HttpMethod.Get, _api.OpenOrders, $"symbol={symbol}", weight: _api.OpenOrdersWeight, isOrder: false);
                if (!answer.Ok)
                {
                    LogOpenOrdersUnread(_logger, Name, connection, symbol, answer.ToString());
                    continue;
                }

                foreach (var open in OrderEventReader.ReadOrders(answer.Body))
                {
                    CancelIfOrphan(instrument, open);
                }
            }

            if (_futures)
            {
                StatePositions(); // after every fill the queries found is published
            }
        }
        finally
        {
            _reconciliation.StatusAnswered();
        }
    }

    /// <summary>An open order with our prefix that the journal does not work (finished here, or a lost journal's): reported, and cancelled at Binance.</summary>
    private void CancelIfOrphan(int instrumentId, BinanceOrderEvent open)
    {
        if (!ClOrdId.TryParse(System.Text.Encoding.ASCII.GetBytes(open.ClientOrderId), _orderPrefix, out var incarnation, out var orderId, out _))
        {
            return; // not ours: another program's order on the account
        }

        lock (_orders)
        {
            if (_orders.TryGetValue(orderId, out var known) && known.Incarnation == incarnation)
            {
                return;
            }

            // The engine judges its fills: none is harmless, fills on an order it never accepted halt trading.
            var filled = _registry[instrumentId].NearestLots(open.CumulativeQuantity);
            Publish(new VenueReport { OrderId = orderId, Incarnation = incarnation, InstrumentId = instrumentId, Outcome = VenueOutcome.Working, CumulativeLots = filled, TimeMs = NowMs });
        }

        LogOrphan(_logger, Name, open.ClientOrderId);
        var answer = Request(HttpMethod.Delete, _api.Order, $"symbol={open.Symbol}&origClientOrderId={open.ClientOrderId}", weight: 1, isOrder: false);
        if (answer.Ok || answer.Code == UnknownOrder)
        {
            Interlocked.Increment(ref _orphansCancelled);
        }
        else
        {
            LogOrphanNotCancelled(_logger, Name, open.ClientOrderId, answer.ToString());
        }
    }

    /// <summary>Asks Binance about the order and reports what it says: the fills missing here, a replace whose answer was lost, its state.</summary>
    private void Resolve(long orderId)
    {
        VenueOrder? order;
        int from, to;
        bool restored;
        long sentMs, fromBase;
        lock (_orders)
        {
            if (!_orders.TryGetValue(orderId, out order))
            {
                return;
            }

            restored = _restored.Contains(orderId);
            (from, to) = (restored ? 0 : order.Version, _futures ? order.Version : Math.Max(order.Version, order.NextVersion - 1)); // a futures modify keeps the id
            sentMs = restored ? _startedMs : _sentMs.GetValueOrDefault(orderId);
            fromBase = restored ? 0 : _legs[orderId].Find(l => l.Version == from)?.BaseLots ?? 0;
        }

        if (!TryQueryVersions(order, from, to, restored, out var found))
        {
            ResolveLater(orderId, TimeSpan.FromSeconds(1));
            return;
        }

        if (found.Count == 0)
        {
            NotAtBinance(order, sentMs);
            return;
        }

        var instrument = _registry[order.InstrumentId];
        var bases = new long[found.Count];
        var total = fromBase;
        for (var i = 0; i < found.Count; i++)
        {
            bases[i] = total;
            total += instrument.NearestLots(found[i].State.CumulativeQuantity);
        }

        long published;
        lock (_orders)
        {
            published = order.CumulativeLots;
        }

        var fills = new List<(long Cumulative, long PriceTicks)>();
        for (var i = 0; i < found.Count && total > published; i++)
        {
            var executed = instrument.NearestLots(found[i].State.CumulativeQuantity);
            if (executed > 0 && bases[i] + executed > published && !TryTrades(order, found[i].State, bases[i], executed, published, fills))
            {
                ResolveLater(orderId, TimeSpan.FromSeconds(1)); // the trade list lags the order, or was not read
                return;
            }
        }

        Settle(order, found, bases, fills);
    }

    /// <summary>Binance's state of each version from <paramref name="from"/> on that it has; false when an answer was not had (ask again later).</summary>
    private bool TryQueryVersions(VenueOrder order, int from, int to, bool restored, out List<(int Version, BinanceOrderEvent State)> found)
    {
        found = [];
        var misses = 0;
        for (var version = from; restored && !_futures ? misses < 2 && version < 100 : version <= to; version++)
        {
            var answer = Request(HttpMethod.Get, _api.Order, $"symbol={_symbols[order.InstrumentId]}&origClientOrderId={ClientId(order.OrderId, version, order.Incarnation)}", weight: _api.QueryWeight, isOrder: false);
            if (answer.Ok && OrderEventReader.TryReadOrder(answer.Body, out var state))
            {
                found.Add((version, state!));
                misses = 0;
            }
            else if (answer.Code == NoSuchOrder)
            {
                misses++;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds the version's trades above <paramref name="published"/>, each with the cumulative it brings; false when they do not add up to its executed quantity yet.</summary>
    private bool TryTrades(VenueOrder order, BinanceOrderEvent state, long baseLots, long executed, long published, List<(long, long)> fills)
    {
        var answer = Request(HttpMethod.Get, _api.Trades, $"symbol={state.Symbol}&orderId={state.ExchangeOrderId}", weight: _api.TradesWeight, isOrder: false);
        if (!answer.Ok)
        {
            return false;
        }

        var instrument = _registry[order.InstrumentId];
        var cumulative = baseLots;
        var added = new List<(long, long)>();
        foreach (var trade in OrderEventReader.ReadTrades(answer.Body))
        {
            if (trade.ExchangeOrderId != state.ExchangeOrderId)
            {
                continue;
            }

            cumulative += instrument.NearestLots(trade.Quantity);
            if (cumulative > published)
            {
                added.Add((cumulative, instrument.NearestTicks(trade.Price)));
            }
        }

        if (cumulative != baseLots + executed)
        {
            return false;
        }

        fills.AddRange(added);
        return true;
    }

    /// <summary>Binance has none of the order's versions: never placed once its request's window has passed, else asked again.</summary>
    private void NotAtBinance(VenueOrder order, long sentMs)
    {
        bool acknowledged;
        lock (_orders)
        {
            acknowledged = _acknowledged.Contains(order.OrderId);
        }

        if (acknowledged)
        {
            LogLost(_logger, Name, order.OrderId); // archived, or another account's keys: an operator must look
        }
        else if (NowMs - sentMs > _config.RecvWindowMs + 1_000)
        {
            Finish(order, VenueOutcome.NotSent, "Binance has no such order and its request's recvWindow has passed: never placed");
        }
        else
        {
            ResolveLater(order.OrderId, AfterRecvWindow);
        }
    }

    /// <summary>Under the lock: the missing fills, the version Binance works, then its state; what the order still waits for goes next.</summary>
    private void Settle(VenueOrder order, List<(int Version, BinanceOrderEvent State)> found, long[] bases, List<(long Cumulative, long PriceTicks)> fills)
    {
        var instrument = _registry[order.InstrumentId];
        var (top, state) = found[^1];
        var venueLots = bases[^1] + instrument.NearestLots(state.OriginalQuantity);
        bool working;
        lock (_orders)
        {
            if (!_orders.TryGetValue(order.OrderId, out var current) || current != order)
            {
                return; // an event finished it meanwhile
            }

            var legs = _legs[order.OrderId];
            for (var i = 0; i < found.Count; i++)
            {
                var leg = legs.Find(l => l.Version == found[i].Version);
                if (leg is null)
                {
                    leg = new BinanceLeg(found[i].Version);
                    legs.Add(leg);
                }

                (leg.ExchangeOrderId, leg.BaseLots) = (found[i].State.ExchangeOrderId, bases[i]);
            }

            _restored.Remove(order.OrderId);
            order.Version = top;
            order.NextVersion = Math.Max(order.NextVersion, top + 1);
            foreach (var (cumulative, priceTicks) in fills)
            {
                if (cumulative > order.CumulativeLots)
                {
                    order.CumulativeLots = cumulative;
                    Publish(Report(order, VenueOutcome.Working) with { LastPriceTicks = priceTicks });
                }
            }

            if (order.PendingVersion != 0)
            {
                // Its answer was lost: Binance works the new version (on futures, the new quantity), or never did it.
                var replaced = _futures ? venueLots != order.VenueLots : top >= order.PendingVersion;
                order.PendingVersion = 0;
                if (replaced)
                {
                    order.VenueLots = venueLots;
                    Publish(Report(order, VenueOutcome.Replaced) with { VenueQuantityLots = venueLots });
                }
            }

            var outcome = OutcomeOf(state.Status);
            working = outcome is null;
            if (working)
            {
                order.VenueLots = venueLots;
                Acknowledged(order);
            }
            else
            {
                Forget(order.OrderId);
                Publish(Report(order, outcome!.Value) with { VenueQuantityLots = venueLots });
            }
        }

        if (working)
        {
            Pump(order.OrderId);
        }
    }

    /// <summary>How an order whose status Binance states ends: null while it still works.</summary>
    private static VenueOutcome? OutcomeOf(string status) => status switch
    {
        "FILLED" => VenueOutcome.Filled,
        "CANCELED" => VenueOutcome.Cancelled,
        "REJECTED" => VenueOutcome.Rejected,
        "EXPIRED" or "EXPIRED_IN_MATCH" => VenueOutcome.Expired,
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Binance venue {Venue}: connection {Connection}: open orders of {Symbol} not read ({Why}); orphans there are not looked for")]
    private static partial void LogOpenOrdersUnread(ILogger logger, string venue, int connection, string symbol, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "Binance venue {Venue}: Binance works order {ClientOrderId}, which the journal does not (finished, or another incarnation's); cancelling it there")]
    private static partial void LogOrphan(ILogger logger, string venue, string clientOrderId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Binance venue {Venue}: the orphan {ClientOrderId} was not cancelled: {Why}")]
    private static partial void LogOrphanNotCancelled(ILogger logger, string venue, string clientOrderId, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "Binance venue {Venue}: Binance no longer knows order {OrderId}, which it acknowledged: check the account")]
    private static partial void LogLost(ILogger logger, string venue, long orderId);
}
