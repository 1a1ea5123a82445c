using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.Trading;

/// <summary>
/// Reports from a real venue applied by the core: fills from the cumulative quantity (a report seen twice adds
/// nothing), outcomes that finish an order without asking the venue to cancel it, and the reports no record can
/// mend halting trading with reason Reconciliation; a bracket's exits resized with their parent's fills are
/// amended at the venue, and an exit the venue filled at the size it had before such a resize reached it ends
/// with the rest cancelled, not in a halt. BTC-USD is routed to a venue that works orders without filling.
/// </summary>
public sealed class VenueReportTests
{
    private const long T0 = TradingFixture.T0;
    private static readonly int Btc = TradingFixture.Id("BTC-USD");

    [Test]
    public void Fills_come_from_the_cumulative_quantity_so_a_repeated_report_adds_nothing()
    {
        var (core, venue) = Core();
        var id = WorkingOrder(core);
        Apply(core, id, VenueOutcome.Working, cumulative: 400, price: 6_500_000);
        Apply(core, id, VenueOutcome.Working, cumulative: 400, price: 6_500_000); // a resend after a reconnect
        Assert.That((core.FillCount, core.Account.Position(Btc).QuantityLots), Is.EqualTo((1L, 400L)));

        Apply(core, id, VenueOutcome.Filled, cumulative: 1000, price: 6_500_100);
        Apply(core, id, VenueOutcome.Filled, cumulative: 1000, price: 6_500_100);
        Assert.That((core.FillCount, core.Account.Position(Btc).QuantityLots), Is.EqualTo((2L, 1000L)));
        Assert.That(core.Orders.Find(id)!.Status, Is.EqualTo(OrderStatus.Filled));
        Assert.That(core.Status, Is.EqualTo(TradingStatus.Running), "nothing irreconcilable");
        Assert.That(venue.Tokens, Is.EqualTo(new long[] { 1, 2, 3, 4 }), "every report handed back for the durability confirmation");
    }

    [TestCase(VenueOutcome.Cancelled, CancelReason.VenueCancelled)]
    [TestCase(VenueOutcome.Rejected, CancelReason.VenueRejected)]
    [TestCase(VenueOutcome.NotSent, CancelReason.VenueUnavailable)]
    public void An_outcome_from_the_venue_finishes_the_order_without_asking_the_venue_to_cancel(VenueOutcome outcome, CancelReason reason)
    {
        var (core, venue) = Core();
        var id = WorkingOrder(core);
        var records = new RecordingListener();
        core.AttachListener(records);
        Apply(core, id, outcome, cumulative: 0, price: 0);
        Assert.That((core.Orders.Find(id)!.IsWorking, venue.Cancels), Is.EqualTo((false, 0)), "finished, and no cancel sent to the venue");
        var finished = records.Records.Single(r => r.Type == RecordType.OrderCancelled);
        Assert.That(((CancelReason)finished.Reason, finished.OrderId), Is.EqualTo((reason, id)));
        Assert.That(core.Status, Is.EqualTo(TradingStatus.Running));
    }

    [Test]
    public void A_report_no_record_can_mend_halts_trading_with_reason_reconciliation()
    {
        var (core, _) = Core();
        var id = WorkingOrder(core);
        Apply(core, id + 5, VenueOutcome.Working, cumulative: 100, price: 6_500_000);
        Assert.That((core.Status, core.StatusReason), Is.EqualTo((TradingStatus.Halted, StatusReason.Reconciliation)));
        Assert.That(core.ReconciliationProblem, Does.Contain("never accepted"));

        var (fewer, _) = Core();
        var second = WorkingOrder(fewer);
        Apply(fewer, second, VenueOutcome.Working, cumulative: 600, price: 6_500_000);
        Apply(fewer, second, VenueOutcome.Working, cumulative: 300, price: 6_500_000);
        Assert.That(fewer.StatusReason, Is.EqualTo(StatusReason.Reconciliation), "fewer lots than the journal booked");
        Assert.That(fewer.Account.Position(Btc).QuantityLots, Is.EqualTo(600), "nothing taken back");
    }

    [Test]
    public void A_bracket_exit_resized_by_its_parent_fills_is_amended_at_the_venue_and_a_fill_at_the_old_size_cancels_the_rest()
    {
        var (core, venue) = Core();
        var parent = WorkingOrder(core, takeProfitTicks: 6_600_000);
        Apply(core, parent, VenueOutcome.Working, cumulative: 400, price: 6_500_000);
        var exit = venue.Submitted.Single(o => o.ParentId == parent);
        Assert.That((exit.QuantityLots, venue.Amended.Count), Is.EqualTo((400L, 0)));

        Apply(core, parent, VenueOutcome.Filled, cumulative: 1000, price: 6_500_000);
        Assert.That(venue.Amended, Is.EqualTo(new[] { (exit.Id, 1000L) }), "the exit grew with the parent and the venue was told");

        // The venue filled the exit at the 400 it had; the engine's 1000 never reached it.
        Apply(core, exit.Id, VenueOutcome.Filled, cumulative: 400, price: 6_600_000, venueQuantity: 400);
        Assert.Multiple(() =>
        {
            Assert.That(core.Status, Is.EqualTo(TradingStatus.Running), "the venue and the journal agree on what traded");
            Assert.That((core.Orders.Find(exit.Id)!.Status, core.Orders.Find(exit.Id)!.FilledLots), Is.EqualTo((OrderStatus.Cancelled, 400L)));
            Assert.That(core.Account.Position(Btc).QuantityLots, Is.EqualTo(600));
        });

        // Filled with lots left and no venue quantity to explain it: irreconcilable.
        var (other, _) = Core();
        var order = WorkingOrder(other);
        Apply(other, order, VenueOutcome.Filled, cumulative: 400, price: 6_500_000);
        Assert.That(other.StatusReason, Is.EqualTo(StatusReason.Reconciliation));
    }

    private static long _token;

    private static void Apply(TradingCore core, long orderId, VenueOutcome outcome, long cumulative, long price, long venueQuantity = 0)
    {
        core.ApplyVenueReport(new VenueReport
        {
            OrderId = orderId, InstrumentId = Btc, Outcome = outcome, CumulativeLots = cumulative, LastPriceTicks = price, VenueQuantityLots = venueQuantity, TimeMs = T0 + 10, Token = ++_token,
        });
        core.Commit();
    }

    private static (TradingCore Core, HoldingVenue Venue) Core()
    {
        _token = 0;
        var venue = new HoldingVenue();
        var core = new TradingCore(Shipped.Registry, new AccountOptions(), new RiskLimits(), new PaperExchangeOptions { LatencyMs = 0, LatencyJitterMs = 0 },
            venues: paper => new VenueRouter(Shipped.Registry.Count, paper, new Dictionary<int, IVenue> { [Btc] = venue }));
        var tick = new Tick { InstrumentId = Btc, TimestampMs = T0, BidTicks = 6_499_900, AskTicks = 6_500_000, LastTicks = 6_500_000, SizeLots = 100_000 };
        core.OnTick(tick);
        core.Execute(new Command { Type = CommandType.Start, CorrelationId = 1 }, T0);
        return (core, venue);
    }

    private static long WorkingOrder(TradingCore core, long takeProfitTicks = 0)
    {
        var result = core.Execute(new Command
        {
            Type = CommandType.SubmitOrder, CorrelationId = 2, InstrumentId = Btc, Side = Side.Buy, OrderType = OrderType.Limit, TimeInForce = TimeInForce.Gtc,
            QuantityLots = 1000, LimitTicks = 6_500_000, TakeProfitTicks = takeProfitTicks,
        }, T0 + 1);
        core.Commit();
        Assert.That(result.Reason, Is.EqualTo(RejectReason.None));
        Assert.That(core.Orders.Find(result.OrderId)!.IsWorking, Is.True, "the venue works it; only its reports fill it");
        return result.OrderId;
    }

    private sealed class RecordingListener : ITradingListener
    {
        public List<TradingRecord> Records { get; } = [];

        public void OnRecord(in TradingRecord record) => Records.Add(record);

        public void OnCommandResult(in CommandResult result)
        {
        }

        public void OnSnapshot(StateSnapshot snapshot)
        {
        }
    }

    /// <summary>A venue that accepts orders and reports nothing by itself: the test's reports are its only word.</summary>
    private sealed class HoldingVenue : IVenue
    {
        public int Cancels { get; private set; }

        public List<long> Tokens { get; } = [];

        public List<Order> Submitted { get; } = [];

        public List<(long OrderId, long QuantityLots)> Amended { get; } = [];

        public long ActivationTimeMs(long orderId, int instrumentId, long createdMs) => createdMs;

        public void Submit(Order order) => Submitted.Add(order);

        public void Amend(Order order) => Amended.Add((order.Id, order.QuantityLots));

        public void Cancel(Order order) => Cancels++;

        public void OnQuote(in Tick tick, IVenueListener listener)
        {
        }

        public void OnDurable()
        {
        }

        public void Applied(in VenueReport report) => Tokens.Add(report.Token);
    }
}
