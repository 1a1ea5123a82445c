using LowLatency.Engine.Execution;
using LowLatency.Engine.Risk;

namespace LowLatency.Engine.State;

/// <summary>
/// Reports from a real venue, applied on the trading thread like ticks and commands: the fill a report's
/// cumulative quantity implies, then its outcome, which is also the answer to what the engine asked (the pending
/// states: a fill that crosses our cancel on the wire is booked, and the cancel's refusal that follows is normal).
/// What the journal cannot agree with — a fill for an order we never sent, fewer lots filled than we already
/// booked, more than the order's quantity, a fill on an order the venue itself finished — halts trading with
/// <see cref="StatusReason.Reconciliation"/> instead of guessing.
/// </summary>
public sealed partial class TradingCore
{
    /// <summary>What the last reconciliation halt was about (null when none since start).</summary>
    public string? ReconciliationProblem { get; private set; }

    /// <summary>Reports for orders finished longer ago than the remembered history, which could not be checked against it.</summary>
    public long UncheckedReports { get; private set; }

    /// <summary>The last of <see cref="UncheckedReports"/>, in words (null when none).</summary>
    public string? LastUncheckedReport { get; private set; }

    public void ApplyVenueReport(in VenueReport report)
    {
        if (Faulted)
        {
            return;
        }

        var timeMs = report.TimeMs;
        if (report.OrderId == 0)
        {
            if (report.Outcome == VenueOutcome.PositionStated)
            {
                CheckPosition(report, timeMs);
            }

            Confirm(report); // the venue passes a message with no effect through in order, to confirm it
            return;
        }

        if (!Orders.TryGetWorking(report.OrderId, out var order) || order.Incarnation != report.Incarnation)
        {
            NotWorking(report, timeMs);
            Confirm(report);
            return;
        }

        if (report.CumulativeLots < order.FilledLots || report.CumulativeLots > Math.Max(order.QuantityLots, order.PendingQuantityLots))
        {
            Irreconcilable($"the venue reports {report.CumulativeLots} of {order.QuantityLots} lots filled on order {order.Id}; the journal has {order.FilledLots}", timeMs);
            Confirm(report);
            return;
        }

        var newLots = report.CumulativeLots - order.FilledLots;
        if (newLots > 0)
        {
            ((IVenueListener)this).OnFill(order, newLots, report.LastPriceTicks, maker: false, timeMs);
        }

        if (Orders.TryGetWorking(report.OrderId, out order))
        {
            ApplyOutcome(order, report, timeMs);
        }

        Confirm(report);
    }

    /// <summary>Where the report leaves an order still working after its fill: finished, acknowledged, or a request of ours answered.</summary>
    private void ApplyOutcome(Order order, in VenueReport report, long timeMs)
    {
        switch (report.Outcome)
        {
            case VenueOutcome.Cancelled:
                EmitFinished(order, RecordType.OrderCancelled, order.CancelPending ? order.PendingCancelReason : CancelReason.VenueCancelled, timeMs, tellVenue: false);
                return;
            case VenueOutcome.Rejected:
                EmitFinished(order, RecordType.OrderCancelled, CancelReason.VenueRejected, timeMs, tellVenue: false);
                return;
            case VenueOutcome.NotSent:
                EmitFinished(order, RecordType.OrderCancelled, CancelReason.VenueUnavailable, timeMs, tellVenue: false);
                return;
            case VenueOutcome.Expired:
                EmitFinished(order, RecordType.OrderExpired, CancelReason.DayEnded, timeMs, tellVenue: false);
                return;
            case VenueOutcome.Filled when report.VenueQuantityLots > 0 && report.CumulativeLots == report.VenueQuantityLots:
                // Filled at the quantity the venue had: a resize of ours had not reached it. The rest never traded.
                EmitFinished(order, RecordType.OrderCancelled, CancelReason.VenueCancelled, timeMs, tellVenue: false);
                return;
            case VenueOutcome.Filled:
                Irreconcilable($"the venue reports order {order.Id} filled with {report.CumulativeLots} lots, but {order.RemainingLots} remain in the journal", timeMs);
                return;
            default:
                break;
        }

        Answered(order, RecordType.OrderAcknowledged, order.Status == OrderStatus.PendingNew, 0, timeMs);
        var venueLots = report.VenueQuantityLots;
        var replaced = report.Outcome == VenueOutcome.Replaced || (order.PendingQuantityLots != 0 && venueLots == order.PendingQuantityLots);
        Answered(order, RecordType.OrderQuantityChanged, replaced && venueLots > 0 && venueLots != order.QuantityLots, venueLots, timeMs);
        Answered(order, RecordType.OrderCancelRejected, report.Outcome == VenueOutcome.CancelRejected && order.CancelPending, 0, timeMs);
        if (report.Outcome == VenueOutcome.ReplaceRejected && order.PendingQuantityLots != 0)
        {
            // The venue works it at a quantity the engine no longer wants (a bracket's exit, an OCO sibling): cancelled.
            Answered(order, RecordType.OrderReplaceRejected, true, 0, timeMs);
            EmitFinished(order, RecordType.OrderCancelled, CancelReason.VenueRejected, timeMs);
        }
    }

    private void Answered(Order order, RecordType type, bool when, long quantityLots, long timeMs)
    {
        if (when)
        {
            var r = new TradingRecord { Type = type, TimeMs = timeMs, OrderId = order.Id, InstrumentId = order.InstrumentId, QuantityLots = quantityLots };
            Emit(ref r);
        }
    }

    /// <summary>
    /// A report for an order the journal does not work: a repeat for one it finished changes nothing; lots filled
    /// on one it never accepted (another incarnation's, or an id it never gave) or more than it finished with
    /// cannot be explained; one too old to be remembered is counted, since it can no longer be checked.
    /// </summary>
    private void NotWorking(in VenueReport report, long timeMs)
    {
        var known = Orders.Find(report.OrderId);
        var otherIncarnation = known is not null && known.Incarnation != report.Incarnation; // the same id, another journal's order
        known = otherIncarnation ? null : known;
        var never = known is null && (otherIncarnation || report.OrderId > Orders.LastOrderId || report.Incarnation < State.FirstIncarnation);
        if (never && report.CumulativeLots > 0)
        {
            Irreconcilable($"the venue reports {report.CumulativeLots} lots filled on order {Name(report)}, which the journal never accepted", timeMs);
        }
        else if (known is not null && report.CumulativeLots > known.FilledLots)
        {
            Irreconcilable($"the venue reports {report.CumulativeLots} lots filled on order {Name(report)}, which the journal holds finished with {known.FilledLots}", timeMs);
        }
        else if (known is null && !never)
        {
            UncheckedReports++; // finished before the remembered history: counted, never dropped unseen
            LastUncheckedReport = $"order {Name(report)}: {report.CumulativeLots} lots filled by the venue's report, finished before the {Orders.HistoryCapacity} orders remembered";
        }
    }

    /// <summary>A position at the venue that the journal's fills do not add up to: trades the engine never booked (or booked wrongly), so it stops.</summary>
    private void CheckPosition(in VenueReport report, long timeMs)
    {
        if ((uint)report.InstrumentId >= (uint)Account.InstrumentCount)
        {
            return;
        }

        var held = Account.Position(report.InstrumentId).QuantityLots;
        if (held != report.CumulativeLots)
        {
            Irreconcilable($"the venue states a position of {report.CumulativeLots} lots in {_registry[report.InstrumentId].Symbol}; the journal's fills make {held}", timeMs);
        }
    }

    private static string Name(in VenueReport report) =>
        report.Incarnation > 0 ? $"{report.OrderId} (incarnation {report.Incarnation})" : report.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void Irreconcilable(string problem, long timeMs)
    {
        ReconciliationProblem = problem;
        SetStatus(TradingStatus.Halted, StatusReason.Reconciliation, KillSwitch, timeMs);
        CancelWorking(CancelReason.Halted, includeReduceOnly: false, timeMs);
    }
}
