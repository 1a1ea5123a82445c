using LowLatency.Engine.Execution;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host.Venues;

/// <summary>
/// What survives a restart: the session's store holds every order message sent (its last version and quantity per
/// order) since the numbers were last reset, the journal every order it made durable and which of them the venue
/// acknowledged. A journal order the store shows sent, or the journal shows acknowledged, is asked about at logon
/// (adopted); one neither shows was never sent (cancelled here). A sent order the journal does not know (its tail
/// was lost before the fsync, or the whole journal) is asked about at every logon until the venue says it is
/// done; if it is open there it is cancelled as an orphan, and if it has fills the engine halts (it cannot
/// explain them).
/// </summary>
public sealed partial class FixVenue
{
    private readonly Dictionary<(int Incarnation, long OrderId), SentOrder> _sentBeforeRestart = [];
    private readonly Dictionary<(int Incarnation, long OrderId), SentOrder> _forgotten = []; // under _orders' lock
    private readonly HashSet<(int Incarnation, long OrderId)> _orphansThisLogon = []; // under _orders' lock

    /// <summary>Reads the store's sent orders; returns the highest incarnation among their ClOrdIDs.</summary>
    private int ReadSentBeforeRestart()
    {
        var highest = 0;
        foreach (var sent in Session.SentMessages())
        {
            var view = new FixMessageView(sent);
            if ((view.Is(FixWire.MsgType, MsgTypes.NewOrderSingle) || view.Is(FixWire.MsgType, MsgTypes.OrderCancelReplaceRequest)) && TryReadSentOrder(view, out var key, out var order))
            {
                _sentBeforeRestart[key] = order; // the last NewOrderSingle or replace of each order
                highest = Math.Max(highest, key.Incarnation);
            }
        }

        return highest;
    }

    /// <summary>One of our NewOrderSingles or replaces as we sent it: its order and what the venue was told; false for one that is not ours or not whole.</summary>
    private bool TryReadSentOrder(in FixMessageView view, out (int Incarnation, long OrderId) key, out SentOrder order)
    {
        (key, order) = (default, default);
        if (!view.TryGet(Tag.ClOrdId, out var id) || !ClOrdId.TryParse(id, _orderPrefix, out var incarnation, out var orderId, out var version)
            || !view.TryGetDecimal(Tag.OrderQty, out var quantity) || !view.TryGet(Tag.Symbol, out var symbol) || !view.TryGet(Tag.Side, out var side) || side.Length != 1)
        {
            return false;
        }

        (key, order) = ((incarnation, orderId), new SentOrder(version, quantity, symbol.ToArray(), side[0]));
        return true;
    }

    public void JournalCovers(int firstIncarnation, long lastOrderId)
    {
        lock (_orders)
        {
            foreach (var (key, sent) in _sentBeforeRestart)
            {
                if (key.Incarnation < firstIncarnation || key.OrderId > lastOrderId)
                {
                    _forgotten[key] = sent;
                    LogForgotten(_logger, Name, new ClOrdId(_orderPrefix, key.OrderId, 0, key.Incarnation).ToString());
                }
            }
        }
    }

    /// <summary>
    /// A working order from the journal: known to the venue if its NewOrderSingle is in the session store, or if the
    /// journal holds it acknowledged by the venue (the store may have been reset since: resetOnLogon, a new
    /// window); both are reconciled at logon, where the cancel or replace the journal holds pending goes again. An
    /// order the journal never saw acknowledged and the store never saw sent is cancelled here.
    /// </summary>
    public void Restore(Order order)
    {
        var inStore = _sentBeforeRestart.TryGetValue((order.Incarnation, order.Id), out var sent);
        if (!inStore && order.Status == OrderStatus.PendingNew)
        {
            Publish(new VenueReport { OrderId = order.Id, Incarnation = order.Incarnation, InstrumentId = order.InstrumentId, Outcome = VenueOutcome.NotSent, CumulativeLots = order.FilledLots, TimeMs = NowMs });
            return;
        }

        var restored = new VenueOrder(Intent.From(order, IntentKind.New))
        {
            // Without the store, the first ClOrdID and the journal's quantity until the status answer names the venue's current ones.
            VenueLots = inStore ? Lots(sent.Quantity, _registry[order.InstrumentId]) : order.QuantityLots, CumulativeLots = order.FilledLots,
            Version = inStore ? sent.Version : 0, NextVersion = inStore ? sent.Version + 1 : 1,
            WantedLots = order.IntendedLots, CancelWanted = order.CancelPending, // what the journal asked: sent again at logon
        };
        lock (_orders)
        {
            _orders[order.Id] = restored;
        }
    }

    /// <summary>The orders the journal forgot, for a logon to ask about and cancel.</summary>
    private KeyValuePair<(int Incarnation, long OrderId), SentOrder>[] ForgottenOrders()
    {
        lock (_orders)
        {
            return [.. _forgotten];
        }
    }

    private OrderStatusRequest StatusRequest((int Incarnation, long OrderId) key, SentOrder sent) => new(new ClOrdId(_orderPrefix, key.OrderId, 0, key.Incarnation), sent.Symbol, sent.Side);

    /// <summary>A report on an order the journal forgot: once the venue says it is done there, it is not asked about again.</summary>
    private void ForgottenAnswered(int incarnation, long orderId, VenueOutcome outcome)
    {
        if (outcome is not (VenueOutcome.Working or VenueOutcome.Replaced))
        {
            lock (_orders)
            {
                _forgotten.Remove((incarnation, orderId));
            }
        }
    }

    private readonly record struct SentOrder(int Version, decimal Quantity, byte[] Symbol, byte Side);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX venue {Venue}: the session store shows {ClOrdId} sent, which the journal does not know (its tail or all of it lost); asking the venue about it at logon")]
    private static partial void LogForgotten(ILogger logger, string venue, string clOrdId);
}
