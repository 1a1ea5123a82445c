using LowLatency.Engine.Execution;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host.Venues;

/// <summary>
/// The venue asks for our messages again (QuickFIX/J's DoNotSend, decided here): a NewOrderSingle or replace older
/// than <see cref="VenueOrderPolicy.StaleOrderMs"/>, or for an order the engine no longer works, is gap-filled,
/// because a market that has moved makes a late order worse than none; the venue never saw it, so the order is
/// reported not sent (or its replace refused). Cancels and status requests always go again.
/// </summary>
public sealed partial class FixVenue
{
    /// <summary>Asked under the session's lock: decides and queues what follows for the sender thread, never publishes.</summary>
    public bool ShouldResend(FixSession session, in FixMessageView message, long seq)
    {
        message.TryGet(FixWire.MsgType, out var type);
        var isNew = type.SequenceEqual(MsgTypes.NewOrderSingle);
        if (!isNew && !type.SequenceEqual(MsgTypes.OrderCancelReplaceRequest))
        {
            return true;
        }

        if (!message.TryGet(Tag.ClOrdId, out var clOrdId) || !ClOrdId.TryParse(clOrdId, _orderPrefix, out var incarnation, out var orderId, out _))
        {
            return false; // not an order of ours
        }

        var stale = _policy.StaleOrderMs > 0 && message.TryGet(Tag.SendingTime, out var sent) && FixTime.TryParse(sent, out var sentUtc)
            && (DateTime.UtcNow - sentUtc).TotalMilliseconds > _policy.StaleOrderMs;
        int instrumentId;
        lock (_orders)
        {
            if (!_orders.TryGetValue(orderId, out var order) || order.Incarnation != incarnation)
            {
                return false; // finished in the engine: nothing to send late
            }

            instrumentId = order.InstrumentId;

            if (!stale)
            {
                return true;
            }

            if (isNew)
            {
                _orders.Remove(orderId); // the venue never saw it: its cancels and replaces have nothing to name
            }
        }

        LogNotResent(_logger, Name, System.Text.Encoding.ASCII.GetString(clOrdId), _policy.StaleOrderMs);
        _outbound.Enqueue(new Intent { Kind = isNew ? IntentKind.NotResentNew : IntentKind.NotResentReplace, OrderId = orderId, Incarnation = incarnation, InstrumentId = instrumentId });
        _wake.Signal();
        return false;
    }

    /// <summary>On the sender thread: what a gap-filled order message leaves behind, into the ring.</summary>
    private void NotResent(in Intent intent)
    {
        if (intent.Kind == IntentKind.NotResentReplace)
        {
            ReplaceRefused(intent.OrderId, stillWorking: true, 0, $"not resent: older than staleOrderMs {_policy.StaleOrderMs}");
            return;
        }

        Publish(new VenueReport { OrderId = intent.OrderId, Incarnation = intent.Incarnation, InstrumentId = intent.InstrumentId, Outcome = VenueOutcome.NotSent, TimeMs = NowMs });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX venue {Venue}: the venue asked for {ClOrdId} again, older than staleOrderMs {StaleMs}: gap-filled, never sent late")]
    private static partial void LogNotResent(ILogger logger, string venue, string clOrdId, int staleMs);
}
