using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host.Venues;

/// <summary>
/// The venue asks for our messages again (QuickFIX/J's DoNotSend, decided here): a NewOrderSingle older than
/// <see cref="VenueOrderPolicy.StaleOrderMs"/>, or of an order the engine no longer works, is gap-filled, because a
/// market that has moved makes a late order worse than none, and the order is reported not sent. A gap fill does
/// not prove the venue never acts on it: a venue may hold the original queued behind the gap and process it first
/// (QuickFIX does), so each one gap-filled is then cancelled by its ClOrdID, and a fill that beat the cancel shows as
/// a fill the journal cannot explain (a halt, not a silent position). Cancels, replaces and status requests always
/// go again.
/// </summary>
public sealed partial class FixVenue
{
    /// <summary>Asked under the session's lock: decides and queues what follows for the sender thread, never publishes.</summary>
    public bool ShouldResend(FixSession session, in FixMessageView message, long seq)
    {
        if (!message.Is(FixWire.MsgType, MsgTypes.NewOrderSingle))
        {
            return true;
        }

        if (!TryReadSentOrder(message, out var key, out var sentOrder) || InstrumentOf(sentOrder.Symbol) is var instrumentId && instrumentId < 0)
        {
            return false; // not an order of ours
        }

        var (incarnation, orderId) = key;

        var stale = _policy.StaleOrderMs > 0 && message.TryGet(Tag.SendingTime, out var sent) && FixTime.TryParse(sent, out var sentUtc)
            && (DateTime.UtcNow - sentUtc).TotalMilliseconds > _policy.StaleOrderMs;
        bool working;
        lock (_orders)
        {
            working = _orders.TryGetValue(orderId, out var order) && order.Incarnation == incarnation;
            if (working && !stale)
            {
                return true;
            }

            if (working)
            {
                _orders.Remove(orderId);
            }
        }

        LogNotResent(_logger, Name, new ClOrdId(_orderPrefix, orderId, 0, incarnation).ToString(), working ? $"older than staleOrderMs {_policy.StaleOrderMs}" : "the engine no longer works it");
        _outbox.Post(new Intent
        {
            Kind = working ? IntentKind.NotResentNew : IntentKind.NotResentFinished, OrderId = orderId, Incarnation = incarnation, InstrumentId = instrumentId,
            Side = sentOrder.Side == FixCodes.SideBuy ? Side.Buy : Side.Sell, QuantityLots = Lots(sentOrder.Quantity, _registry[instrumentId]),
        });
        return false;
    }

    /// <summary>On the sender thread, after the gap fill went: the order reported not sent (if the engine worked it), then cancelled at the venue in case it had it queued.</summary>
    private void NotResent(in Intent intent)
    {
        if (intent.Kind == IntentKind.NotResentNew)
        {
            Publish(new VenueReport { OrderId = intent.OrderId, Incarnation = intent.Incarnation, InstrumentId = intent.InstrumentId, Outcome = VenueOutcome.NotSent, TimeMs = NowMs });
        }

        CancelOrphan(intent.OrderId, intent.Incarnation, 0, intent.InstrumentId, SideCode(intent.Side), _registry[intent.InstrumentId].LotsToQuantity(intent.QuantityLots));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX venue {Venue}: the venue asked for {ClOrdId} again ({Why}): gap-filled, then cancelled there in case the venue held it queued")]
    private static partial void LogNotResent(ILogger logger, string venue, string clOrdId, string why);
}
