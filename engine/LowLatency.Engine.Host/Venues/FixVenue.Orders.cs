using System.Diagnostics;
using LowLatency.Engine.Execution;
using LowLatency.Fix.Messages;

namespace LowLatency.Engine.Host.Venues;

/// <summary>
/// The sender thread's side: new orders, cancels and replaces onto the session. Decisions are taken under the
/// venue's lock and the message is sent outside it, because the session's thread calls in here holding the
/// session's own lock.
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

        Remember(seq, intent.OrderId, VenueRequest.New);
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

        Remember(seq, order.OrderId, request);
    }

    /// <summary>Pumps an order on the sender thread (called from the session's thread).</summary>
    private void PumpLater(long orderId)
    {
        _outbound.Enqueue(new Intent { Kind = IntentKind.Pump, OrderId = orderId });
        _wake.Signal();
    }

    /// <summary>Which order a sent message was about, for a later Reject naming its MsgSeqNum; bounded to the recent past.</summary>
    private void Remember(long seq, long orderId, VenueRequest request)
    {
        lock (_orderBySeq)
        {
            _orderBySeq[seq & (RememberedMessages - 1)] = (seq, orderId, request);
        }
    }

    /// <summary>The order and request a remembered message was about, forgotten once asked.</summary>
    private bool TryForget(long seq, out long orderId, out VenueRequest request)
    {
        lock (_orderBySeq)
        {
            ref var slot = ref _orderBySeq[seq & (RememberedMessages - 1)];
            (orderId, request) = (slot.OrderId, slot.Request);
            var found = seq > 0 && slot.Seq == seq;
            if (found)
            {
                slot = default;
            }

            return found;
        }
    }
}
