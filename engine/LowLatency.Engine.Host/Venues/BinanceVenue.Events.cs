using LowLatency.Binance;
using LowLatency.Engine.Execution;
using LowLatency.Fix.Messages;

namespace LowLatency.Engine.Host.Venues;

/// <summary>
/// The user data stream's order events. A trade event is booked at its own price when it follows the last one
/// booked exactly (its cumulative is ours plus its last quantity); one that leaves a hole means events were missed,
/// so the order is resolved from its trade list instead of booking several trades at one price. An end (cancelled,
/// expired, rejected) is reported only when every fill before it is booked; a replaced version's cancellation is
/// the replace, not the order's end.
/// </summary>
public sealed partial class BinanceVenue
{
    private void OnMessage(ReadOnlyMemory<byte> body)
    {
        Interlocked.Increment(ref _events);
        if (OrderEventReader.ReadStreamEvent(body.Span, out var e) != UserDataEventKind.Order || e is null
            || !ClOrdId.TryParse(System.Text.Encoding.ASCII.GetBytes(e.ClientOrderId), _orderPrefix, out var incarnation, out var orderId, out var version))
        {
            return; // balances, another program's orders: not ours to book
        }

        bool resolve;
        lock (_orders)
        {
            resolve = _orders.TryGetValue(orderId, out var order) && order.Incarnation == incarnation && !Apply(order, e, version);
        }

        if (resolve)
        {
            _toResolve.Enqueue(orderId);
            _outbox.Signal();
        }
    }

    /// <summary>Under the lock: books what the event proves; false when it shows something only a query can settle.</summary>
    private bool Apply(VenueOrder order, BinanceOrderEvent e, int version)
    {
        var leg = _legs[order.OrderId].Find(l => l.Version == version);
        if (leg is null || version > order.Version || _restored.Contains(order.OrderId))
        {
            return false; // a replace whose answer is not read yet, or an order whose versions are not known yet
        }

        var instrument = _registry[order.InstrumentId];
        var total = leg.BaseLots + instrument.NearestLots(e.CumulativeQuantity);
        var venueLots = leg.BaseLots + instrument.NearestLots(e.OriginalQuantity);
        var outcome = OutcomeOf(e.Status);
        if (version < order.Version || (!_futures && order.PendingVersion != 0 && outcome == VenueOutcome.Cancelled))
        {
            // An older version: its trades still count, its cancellation is the replace's.
            return e.ExecutionType != "TRADE" || total <= order.CumulativeLots || BookTrade(order, e, total, VenueOutcome.Working);
        }

        if (e.ExecutionType == "TRADE" && total > order.CumulativeLots)
        {
            if (!BookTrade(order, e, total, outcome == VenueOutcome.Filled ? VenueOutcome.Filled : VenueOutcome.Working, venueLots))
            {
                return false;
            }
        }
        else if (outcome is not null && total != order.CumulativeLots)
        {
            return false; // an end with fills we have not booked
        }
        else if (outcome is { } ended)
        {
            Forget(order.OrderId);
            Publish(Report(order, ended) with { VenueQuantityLots = venueLots });
        }
        else if (e.ExecutionType == "NEW")
        {
            leg.ExchangeOrderId = e.ExchangeOrderId;
            order.VenueLots = venueLots;
            Acknowledged(order);
        }

        return true;
    }

    /// <summary>Books the event's trade when it is the next one; false when trades are missing before it.</summary>
    private bool BookTrade(VenueOrder order, BinanceOrderEvent e, long total, VenueOutcome outcome, long venueLots = 0)
    {
        var instrument = _registry[order.InstrumentId];
        if (total - order.CumulativeLots != instrument.NearestLots(e.LastQuantity))
        {
            return false;
        }

        _acknowledged.Add(order.OrderId); // a trade is Binance's acknowledgement too
        order.CumulativeLots = total;
        if (outcome == VenueOutcome.Filled)
        {
            Forget(order.OrderId);
        }

        Publish(Report(order, outcome) with { LastPriceTicks = instrument.NearestTicks(e.LastPrice), VenueQuantityLots = venueLots });
        return true;
    }
}
