using System.Diagnostics;
using LowLatency.Engine.Execution;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Wire;

namespace LowLatency.Engine.Host.Venues;

/// <summary>
/// The sender thread's side: new orders, cancels and replaces onto the session. Decisions are taken under the
/// venue's lock and the message is sent outside it, so the session's lock is never taken while holding ours.
/// </summary>
public sealed partial class FixVenue
{
    private void Send(in Intent intent)
    {
        if (intent.Kind == IntentKind.New)
        {
            SendNew(intent);
            return;
        }

        if (intent.Kind is IntentKind.NotResentNew or IntentKind.NotResentFinished)
        {
            NotResent(intent);
            return;
        }

        VenueOrder? order;
        lock (_orders)
        {
            if (!_orders.TryGetValue(intent.OrderId, out order))
            {
                return; // never reached the venue, or already finished there
            }

            if (intent.Kind == IntentKind.Cancel)
            {
                order.CancelWanted = true;
            }
            else if (intent.Kind == IntentKind.Replace)
            {
                order.WantedLots = intent.QuantityLots;
            }
        }

        Pump(order);
    }

    private void SendNew(in Intent intent)
    {
        var order = new VenueOrder(intent) { SentTicks = Stopwatch.GetTimestamp() };
        lock (_orders)
        {
            _orders[intent.OrderId] = order;
        }

        var seq = Session.Send(MsgTypes.NewOrderSingle, NewOrder(intent));
        if (seq == 0)
        {
            lock (_orders)
            {
                _orders.Remove(intent.OrderId);
            }

            Publish(new VenueReport { OrderId = intent.OrderId, Incarnation = intent.Incarnation, InstrumentId = intent.InstrumentId, Outcome = VenueOutcome.NotSent, TimeMs = NowMs });
            LogNotSent(_logger, Name, intent.OrderId, Session.LastEvent);
            return;
        }

        Interlocked.Increment(ref _ordersSent);
    }

    /// <summary>Sends the cancel or replace the order waits for, if nothing of it is in flight.</summary>
    private void Pump(VenueOrder order)
    {
        VenueRequest request;
        int version, pending, cancelVersion;
        long lots;
        lock (_orders)
        {
            request = order.Next();
            (version, pending, lots, cancelVersion) = (order.Version, order.PendingVersion, order.WantedLots, order.CancelsSent - 1);
        }

        long seq = 0;
        if (request == VenueRequest.Cancel)
        {
            var quantity = _registry[order.InstrumentId].LotsToQuantity(lots);
            seq = Session.Send(MsgTypes.OrderCancelRequest, CancelMessage(order.OrderId, order.Incarnation, version, cancelVersion, order.InstrumentId, SideCode(order.Side), quantity));
        }
        else if (request == VenueRequest.Replace)
        {
            seq = Session.Send(MsgTypes.OrderCancelReplaceRequest, ReplaceMessage(order, version, pending, lots));
        }
        else
        {
            return;
        }

        if (seq == 0)
        {
            lock (_orders)
            {
                order.NotSent(request); // chosen again at the next logon
            }

            return;
        }

    }

    /// <summary>Pumps an order on the sender thread (called from the session's thread).</summary>
    private void PumpLater(long orderId) => _outbox.Post(new Intent { Kind = IntentKind.Pump, OrderId = orderId });

    /// <summary>
    /// Which order, and what of it, our message <paramref name="refSeq"/> was about (a Reject names only the
    /// number): read from the session's store, where the message was kept before it was written, so a Reject
    /// that overtakes the sender thread still finds it. False for a message of no order of this incarnation's
    /// (one no longer kept, an orphan's, or the same id of another incarnation).
    /// </summary>
    private bool TryFindSent(long refSeq, out long orderId, out VenueRequest request)
    {
        (orderId, request) = (0, VenueRequest.None);
        if (refSeq <= 0 || !Session.TryGetSent(refSeq, out var sent))
        {
            return false;
        }

        var view = new FixMessageView(sent);
        view.TryGet(FixWire.MsgType, out var type);
        if (type.SequenceEqual(MsgTypes.OrderMassStatusRequest))
        {
            request = VenueRequest.Status;
            return true;
        }

        request = type.SequenceEqual(MsgTypes.NewOrderSingle) ? VenueRequest.New
            : type.SequenceEqual(MsgTypes.OrderCancelRequest) ? VenueRequest.Cancel
            : type.SequenceEqual(MsgTypes.OrderCancelReplaceRequest) ? VenueRequest.Replace
            : type.SequenceEqual(MsgTypes.OrderStatusRequest) ? VenueRequest.Status
            : VenueRequest.None;
        if (request == VenueRequest.None || !view.TryGet(request == VenueRequest.Cancel ? Tag.OrigClOrdId : Tag.ClOrdId, out var clOrdId)
            || !ClOrdId.TryParse(clOrdId, _orderPrefix, out var incarnation, out orderId, out _))
        {
            return false;
        }

        lock (_orders)
        {
            return !_orders.TryGetValue(orderId, out var order) || order.Incarnation == incarnation || request == VenueRequest.Status;
        }
    }
}
