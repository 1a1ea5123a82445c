using System.Text.Json;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.Trading;

/// <summary>
/// The races every live venue produces, as the core sees them (the venue's reports in the order the wire delivers
/// them): an order on a real venue is pending new until acknowledged, a cancel or a resize is only a request until
/// the venue answers, a fill that crosses either is booked, and only what cannot be true (an overfill) halts.
/// Every sequence replays from its records to the same state.
/// </summary>
public sealed class PendingStateTests
{
    private static readonly int Btc = RemoteVenueFixture.Btc;

    [Test]
    public void An_order_is_pending_new_until_the_venue_acknowledges_it()
    {
        var f = new RemoteVenueFixture();
        var id = f.WorkingOrder();
        Assert.That((f.Order(id).Status, f.Order(id).AtRemoteVenue), Is.EqualTo((OrderStatus.PendingNew, true)));
        f.Report(id, VenueOutcome.Working, cumulative: 0);
        Assert.That(f.Order(id).Status, Is.EqualTo(OrderStatus.Accepted));
        f.Report(id, VenueOutcome.Working, cumulative: 0);
        Assert.That(f.Records.Count(r => r.Type == RecordType.OrderAcknowledged), Is.EqualTo(1), "acknowledged once");
        AssertReplays(f);
    }

    [Test]
    public void A_fill_that_crosses_the_cancel_on_the_wire_is_booked_and_the_cancel_answered_too_late_changes_nothing()
    {
        var f = new RemoteVenueFixture();
        var id = f.WorkingOrder();
        f.Report(id, VenueOutcome.Working, cumulative: 0);
        Assert.That(f.Cancel(id).Reason, Is.EqualTo(RejectReason.None));
        Assert.That((f.Order(id).Status, f.Order(id).IsWorking, f.Venue.Cancels), Is.EqualTo((OrderStatus.PendingCancel, true, 1)), "asked, not finished");

        f.Report(id, VenueOutcome.Filled, cumulative: 1000); // filled before the cancel reached the venue
        f.Report(id, VenueOutcome.Filled, cumulative: 1000); // the venue's status answer to the refused cancel
        Assert.Multiple(() =>
        {
            Assert.That(f.Core.Status, Is.EqualTo(TradingStatus.Running), "a normal race, not a reconciliation failure");
            Assert.That(f.Order(id).Status, Is.EqualTo(OrderStatus.Filled));
            Assert.That(f.Core.Account.Position(Btc).QuantityLots, Is.EqualTo(1000));
        });
        AssertReplays(f);
    }

    [Test]
    public void A_partial_fill_then_the_cancel_confirmed_finishes_with_the_reason_asked_and_the_fill_kept()
    {
        var f = new RemoteVenueFixture();
        var id = f.WorkingOrder();
        f.Cancel(id);
        Assert.That(f.Cancel(id).Reason, Is.EqualTo(RejectReason.None), "a second cancel of a pending one is accepted");
        Assert.That(f.Venue.Cancels, Is.EqualTo(1), "and asks the venue nothing more");
        f.Report(id, VenueOutcome.Working, cumulative: 300);
        Assert.That((f.Order(id).Status, f.Order(id).FilledLots), Is.EqualTo((OrderStatus.PendingCancel, 300L)), "the fill booked, the cancel still asked");
        f.Report(id, VenueOutcome.Cancelled, cumulative: 300);
        var finished = f.Records.Single(r => r.Type == RecordType.OrderCancelled);
        Assert.Multiple(() =>
        {
            Assert.That((CancelReason)finished.Reason, Is.EqualTo(CancelReason.User), "the reason the cancel was asked with");
            Assert.That((f.Order(id).Status, f.Core.Account.Position(Btc).QuantityLots), Is.EqualTo((OrderStatus.Cancelled, 300L)));
        });
        AssertReplays(f);
    }

    [Test]
    public void A_cancel_the_venue_refuses_for_good_clears_the_pending_state_and_may_be_asked_again()
    {
        var f = new RemoteVenueFixture();
        var id = f.WorkingOrder();
        f.Report(id, VenueOutcome.Working, cumulative: 200);
        f.Cancel(id);
        f.Report(id, VenueOutcome.CancelRejected, cumulative: 200);
        Assert.That((f.Order(id).Status, f.Core.Status), Is.EqualTo((OrderStatus.PartiallyFilled, TradingStatus.Running)));
        f.Cancel(id);
        Assert.That((f.Order(id).Status, f.Venue.Cancels), Is.EqualTo((OrderStatus.PendingCancel, 2)));
        AssertReplays(f);
    }

    [Test]
    public void An_oco_sibling_shrink_racing_its_own_fill_books_the_fill_and_the_replace_answer_changes_nothing()
    {
        var f = new RemoteVenueFixture();
        var parent = f.WorkingOrder(takeProfitTicks: 6_600_000, stopLossTicks: 6_400_000);
        f.Report(parent, VenueOutcome.Filled, cumulative: 1000);
        var stop = f.Venue.Submitted.Single(o => o.ParentId == parent && o.Type == OrderType.Stop).Id;
        var target = f.Venue.Submitted.Single(o => o.ParentId == parent && o.Type == OrderType.Limit).Id;
        Assert.That(f.Venue.Amended, Is.Empty, "exits at the parent's full size at once");

        // 400 of the target fill: the stop is asked down to 600 ...
        f.Report(target, VenueOutcome.Working, cumulative: 400, price: 6_600_000);
        Assert.That((f.Order(stop).Status, f.Order(stop).QuantityLots, f.Order(stop).PendingQuantityLots), Is.EqualTo((OrderStatus.PendingReplace, 1000L, 600L)));
        // ... but the stop triggered and filled all 1000 on the venue first.
        f.Report(stop, VenueOutcome.Filled, cumulative: 1000, price: 6_400_000, venueQuantity: 1000);
        f.Report(stop, VenueOutcome.ReplaceRejected, cumulative: 1000); // "too late": a report for a finished order
        Assert.Multiple(() =>
        {
            Assert.That(f.Core.Status, Is.EqualTo(TradingStatus.Running), "what the venue filled is what traded");
            Assert.That(f.Order(stop).Status, Is.EqualTo(OrderStatus.Filled));
            Assert.That(f.Core.Account.Position(Btc).QuantityLots, Is.EqualTo(-400), "1000 bought, 400 + 1000 sold: the race's real outcome");
            Assert.That(f.Order(target).Status, Is.EqualTo(OrderStatus.PendingCancel), "the target, its sibling filled, asked to cancel");
        });
        AssertReplays(f);
    }

    [Test]
    public void A_replace_confirmed_changes_the_quantity_and_one_refused_cancels_the_order_the_venue_works_at_the_wrong_size()
    {
        var f = new RemoteVenueFixture();
        var parent = f.WorkingOrder(takeProfitTicks: 6_600_000);
        f.Report(parent, VenueOutcome.Working, cumulative: 400);
        var exit = f.Venue.Submitted.Single(o => o.ParentId == parent).Id;
        f.Report(parent, VenueOutcome.Working, cumulative: 700);
        f.Report(parent, VenueOutcome.Filled, cumulative: 1000);
        Assert.That(f.Venue.Amended, Is.EqualTo(new[] { (exit, 700L), (exit, 1000L) }), "each resize from the quantity asked, not the one confirmed");

        f.Report(exit, VenueOutcome.Replaced, cumulative: 0, venueQuantity: 700);
        Assert.That((f.Order(exit).QuantityLots, f.Order(exit).Status), Is.EqualTo((700L, OrderStatus.PendingReplace)), "the first confirmed, the second still asked");
        f.Report(exit, VenueOutcome.ReplaceRejected, cumulative: 0, venueQuantity: 700);
        Assert.Multiple(() =>
        {
            Assert.That(f.Order(exit).PendingQuantityLots, Is.Zero);
            Assert.That(f.Order(exit).Status, Is.EqualTo(OrderStatus.PendingCancel), "an exit smaller than the position is not left working");
            Assert.That(f.Order(exit).PendingCancelReason, Is.EqualTo(CancelReason.VenueRejected));
        });

        var g = new RemoteVenueFixture();
        var p2 = g.WorkingOrder(takeProfitTicks: 6_600_000);
        g.Report(p2, VenueOutcome.Working, cumulative: 400);
        var e2 = g.Venue.Submitted.Single(o => o.ParentId == p2).Id;
        g.Report(p2, VenueOutcome.Filled, cumulative: 1000);
        g.Report(e2, VenueOutcome.Replaced, cumulative: 0, venueQuantity: 1000);
        Assert.That((g.Order(e2).QuantityLots, g.Order(e2).Status, g.Order(e2).PendingQuantityLots), Is.EqualTo((1000L, OrderStatus.Accepted, 0L)));
        AssertReplays(f);
        AssertReplays(g);
    }

    [Test]
    public void An_overfill_beyond_the_order_quantity_halts_naming_the_order_and_both_sides()
    {
        var f = new RemoteVenueFixture();
        var id = f.WorkingOrder();
        f.Cancel(id);
        f.Report(id, VenueOutcome.Working, cumulative: 1200);
        Assert.Multiple(() =>
        {
            Assert.That((f.Core.Status, f.Core.StatusReason), Is.EqualTo((TradingStatus.Halted, StatusReason.Reconciliation)));
            Assert.That(f.Core.ReconciliationProblem, Does.Contain($"order {id}").And.Contain("1200").And.Contain("1000"));
            Assert.That(f.Core.Account.Position(Btc).QuantityLots, Is.Zero, "nothing booked from an impossible report");
        });
    }

    [Test]
    public void New_orders_for_a_venue_not_yet_reconciled_are_refused_with_the_reason_and_pass_once_it_is()
    {
        var f = new RemoteVenueFixture();
        f.Venue.Ready = false;
        var refused = f.Core.Execute(new Commands.Command
        {
            Type = Commands.CommandType.SubmitOrder, CorrelationId = 50, InstrumentId = Btc, Side = Side.Buy, OrderType = OrderType.Limit, TimeInForce = TimeInForce.Gtc,
            QuantityLots = 1000, LimitTicks = 6_500_000,
        }, RemoteVenueFixture.T0 + 1);
        Assert.That((refused.Reason, f.Venue.Submitted.Count), Is.EqualTo((RejectReason.VenueReconciling, 0)));
        Assert.That(f.Records.Single(r => r.Type == RecordType.OrderRejected).Reason, Is.EqualTo((byte)RejectReason.VenueReconciling), "journalled: a replay refuses it too");

        f.Venue.Ready = true;
        f.WorkingOrder();
        Assert.That(f.Venue.Submitted, Has.Count.EqualTo(1));
        AssertReplays(f);
    }

    /// <summary>The records, applied to a fresh state of record after the fixture's quote (not journalled), reach the live state exactly.</summary>
    private static void AssertReplays(RemoteVenueFixture f)
    {
        var replayed = new TradingState(Shipped.Registry, new AccountOptions());
        replayed.Apply(new TradingRecord { Type = RecordType.Mark, InstrumentId = Btc, BidTicks = RemoteVenueFixture.BidTicks, AskTicks = RemoteVenueFixture.AskTicks, TimeMs = RemoteVenueFixture.T0 });
        foreach (var record in f.Records)
        {
            replayed.Apply(record);
        }

        static string Of(StateSnapshot s) => JsonSerializer.Serialize(s, TradingCore.SnapshotJson);
        Assert.That(Of(replayed.CaptureWithHistory()), Is.EqualTo(Of(f.Core.CaptureWithHistory())));
    }
}
