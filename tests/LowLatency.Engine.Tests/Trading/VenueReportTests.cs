using LowLatency.Engine.Execution;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.Trading;

/// <summary>
/// Reports from a real venue applied by the core: fills from the cumulative quantity (a report seen twice adds
/// nothing), outcomes that finish an order without asking the venue to cancel it, and the reports no record can
/// mend halting trading with reason Reconciliation; a bracket's exits resized with their parent's fills are
/// amended at the venue (pending replace), and an exit the venue filled at the size it had before such a resize
/// reached it ends filled at that size, not in a halt. BTC-USD is routed to a venue that works orders without filling.
/// </summary>
public sealed class VenueReportTests
{
    private static readonly int Btc = RemoteVenueFixture.Btc;

    [Test]
    public void Fills_come_from_the_cumulative_quantity_so_a_repeated_report_adds_nothing()
    {
        var f = new RemoteVenueFixture();
        var id = f.WorkingOrder();
        f.Report(id, VenueOutcome.Working, cumulative: 400);
        f.Report(id, VenueOutcome.Working, cumulative: 400); // a resend after a reconnect
        Assert.That((f.Core.FillCount, f.Core.Account.Position(Btc).QuantityLots), Is.EqualTo((1L, 400L)));

        f.Report(id, VenueOutcome.Filled, cumulative: 1000, price: 6_500_100);
        f.Report(id, VenueOutcome.Filled, cumulative: 1000, price: 6_500_100);
        Assert.That((f.Core.FillCount, f.Core.Account.Position(Btc).QuantityLots), Is.EqualTo((2L, 1000L)));
        Assert.That(f.Order(id).Status, Is.EqualTo(OrderStatus.Filled));
        Assert.That(f.Core.Status, Is.EqualTo(TradingStatus.Running), "nothing irreconcilable");
        Assert.That(f.Venue.Tokens, Is.EqualTo(new long[] { 1, 2, 3, 4 }), "every report handed back for the durability confirmation");
    }

    [TestCase(VenueOutcome.Cancelled, CancelReason.VenueCancelled)]
    [TestCase(VenueOutcome.Rejected, CancelReason.VenueRejected)]
    [TestCase(VenueOutcome.NotSent, CancelReason.VenueUnavailable)]
    public void An_outcome_from_the_venue_finishes_the_order_without_asking_the_venue_to_cancel(VenueOutcome outcome, CancelReason reason)
    {
        var f = new RemoteVenueFixture();
        var id = f.WorkingOrder();
        f.Report(id, outcome, cumulative: 0, price: 0);
        Assert.That((f.Order(id).IsWorking, f.Venue.Cancels), Is.EqualTo((false, 0)), "finished, and no cancel sent to the venue");
        var finished = f.Records.Single(r => r.Type == RecordType.OrderCancelled);
        Assert.That(((CancelReason)finished.Reason, finished.OrderId), Is.EqualTo((reason, id)));
        Assert.That(f.Core.Status, Is.EqualTo(TradingStatus.Running));
    }

    [Test]
    public void A_report_no_record_can_mend_halts_trading_with_reason_reconciliation()
    {
        var f = new RemoteVenueFixture();
        var id = f.WorkingOrder();
        f.Report(id + 5, VenueOutcome.Working, cumulative: 100);
        Assert.That((f.Core.Status, f.Core.StatusReason), Is.EqualTo((TradingStatus.Halted, StatusReason.Reconciliation)));
        Assert.That(f.Core.ReconciliationProblem, Does.Contain("never accepted"));

        var fewer = new RemoteVenueFixture();
        var second = fewer.WorkingOrder();
        fewer.Report(second, VenueOutcome.Working, cumulative: 600);
        fewer.Report(second, VenueOutcome.Working, cumulative: 300);
        Assert.That(fewer.Core.StatusReason, Is.EqualTo(StatusReason.Reconciliation), "fewer lots than the journal booked");
        Assert.That(fewer.Core.Account.Position(Btc).QuantityLots, Is.EqualTo(600), "nothing taken back");
    }

    [Test]
    public void A_bracket_exit_resized_by_its_parent_fills_is_amended_at_the_venue_and_a_fill_at_the_old_size_is_booked_as_it_is()
    {
        var f = new RemoteVenueFixture();
        var parent = f.WorkingOrder(takeProfitTicks: 6_600_000);
        f.Report(parent, VenueOutcome.Working, cumulative: 400);
        var exit = f.Venue.Submitted.Single(o => o.ParentId == parent);
        Assert.That((exit.QuantityLots, f.Venue.Amended.Count), Is.EqualTo((400L, 0)));

        f.Report(parent, VenueOutcome.Filled, cumulative: 1000);
        Assert.That(f.Venue.Amended, Is.EqualTo(new[] { (exit.Id, 1000L) }), "the exit grew with the parent and the venue was asked");
        Assert.That((exit.Status, exit.QuantityLots, exit.PendingQuantityLots), Is.EqualTo((OrderStatus.PendingReplace, 400L, 1000L)), "400 until the venue confirms");

        // The venue filled the exit at the 400 it had; the engine's 1000 never reached it.
        f.Report(exit.Id, VenueOutcome.Filled, cumulative: 400, price: 6_600_000, venueQuantity: 400);
        Assert.Multiple(() =>
        {
            Assert.That(f.Core.Status, Is.EqualTo(TradingStatus.Running), "the venue and the journal agree on what traded");
            Assert.That((f.Order(exit.Id).Status, f.Order(exit.Id).FilledLots), Is.EqualTo((OrderStatus.Filled, 400L)));
            Assert.That(f.Core.Account.Position(Btc).QuantityLots, Is.EqualTo(600));
        });

        // Filled with lots left and no venue quantity to explain it: irreconcilable.
        var other = new RemoteVenueFixture();
        var order = other.WorkingOrder();
        other.Report(order, VenueOutcome.Filled, cumulative: 400);
        Assert.That(other.Core.StatusReason, Is.EqualTo(StatusReason.Reconciliation));
    }
}
