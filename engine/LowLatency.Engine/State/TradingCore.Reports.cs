using LowLatency.Engine.Execution;
using LowLatency.Engine.Risk;

namespace LowLatency.Engine.State;

/// <summary>
/// Reports from a real venue, applied on the trading thread like ticks and commands: the fill a report's
/// cumulative quantity implies, then its outcome. What the journal cannot agree with — a fill for an order we never
/// sent, fewer lots filled than we already booked, a fill on an order we hold finished — halts trading with
/// <see cref="StatusReason.Reconciliation"/> instead of guessing.
/// </summary>
public sealed partial class TradingCore
{
    /// <summary>What the last reconciliation halt was about (null when none since start).</summary>
    public string? ReconciliationProblem { get; private set; }

    public void ApplyVenueReport(in VenueReport report)
    {
        if (Faulted)
        {
            return;
        }

        var timeMs = report.TimeMs;
        if (report.OrderId == 0)
        {
            _venue.Applied(report); // the venue passes a message with no effect through in order, to confirm it
            return;
        }

        if (!Orders.TryGetWorking(report.OrderId, out var order))
        {
            var known = Orders.Find(report.OrderId);
            if (known is null && report.OrderId > Orders.LastOrderId)
            {
                Irreconcilable($"the venue reports order {report.OrderId}, which the journal never accepted", timeMs);
            }
            else if (known is not null && report.CumulativeLots > known.FilledLots)
            {
                Irreconcilable($"the venue reports {report.CumulativeLots} lots filled on order {report.OrderId}, which the journal holds finished with {known.FilledLots}", timeMs);
            }

            _venue.Applied(report); // a repeat for a finished order: nothing to do
            return;
        }

        if (report.CumulativeLots < order.FilledLots || report.CumulativeLots > order.QuantityLots)
        {
            Irreconcilable($"the venue reports {report.CumulativeLots} of {order.QuantityLots} lots filled on order {order.Id}; the journal has {order.FilledLots}", timeMs);
            _venue.Applied(report);
            return;
        }

        var newLots = report.CumulativeLots - order.FilledLots;
        if (newLots > 0)
        {
            ((IVenueListener)this).OnFill(order, newLots, report.LastPriceTicks, maker: false, timeMs);
        }

        if (Orders.TryGetWorking(report.OrderId, out order))
        {
            switch (report.Outcome)
            {
                case VenueOutcome.Cancelled:
                    EmitFinished(order, RecordType.OrderCancelled, CancelReason.VenueCancelled, timeMs, tellVenue: false);
                    break;
                case VenueOutcome.Rejected:
                    EmitFinished(order, RecordType.OrderCancelled, CancelReason.VenueRejected, timeMs, tellVenue: false);
                    break;
                case VenueOutcome.NotSent:
                    EmitFinished(order, RecordType.OrderCancelled, CancelReason.VenueUnavailable, timeMs, tellVenue: false);
                    break;
                case VenueOutcome.Expired:
                    EmitFinished(order, RecordType.OrderExpired, CancelReason.DayEnded, timeMs, tellVenue: false);
                    break;
                case VenueOutcome.Filled when report.VenueQuantityLots > 0 && report.CumulativeLots == report.VenueQuantityLots:
                    // Filled at the quantity the venue had: a resize of ours had not reached it. The rest never traded.
                    EmitFinished(order, RecordType.OrderCancelled, CancelReason.VenueCancelled, timeMs, tellVenue: false);
                    break;
                case VenueOutcome.Filled:
                    Irreconcilable($"the venue reports order {order.Id} filled with {report.CumulativeLots} lots, but {order.RemainingLots} remain in the journal", timeMs);
                    break;
                default:
                    break;
            }
        }

        _venue.Applied(report);
    }

    private void Irreconcilable(string problem, long timeMs)
    {
        ReconciliationProblem = problem;
        SetStatus(TradingStatus.Halted, StatusReason.Reconciliation, KillSwitch, timeMs);
        CancelWorking(CancelReason.Halted, includeReduceOnly: false, timeMs);
    }
}
