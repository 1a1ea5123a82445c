using System.Text.Json;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.Trading;

/// <summary>
/// A shard's risk budget as a coordinator moves it: fences by epoch, moves by compare-and-set on the version, never
/// below what is in use; pre-trade checks follow it; the journal and snapshots keep it across a restart.
/// </summary>
public sealed class RiskBudgetTests
{
    private static readonly RiskLimits Limits = new() { MaxOpenPositions = 2, MaxGrossExposure = 100_000m, MaxOrdersPerSecond = 1000 };

    private static TradingFixture Running()
    {
        var f = new TradingFixture(Limits);
        f.Run(CommandType.Start);
        foreach (var (symbol, (bid, ask)) in Quotes)
        {
            f.Quote(symbol, bid, ask);
        }

        return f;
    }

    private static readonly Dictionary<string, (decimal Bid, decimal Ask)> Quotes = new() { ["BTC-USD"] = (60_000m, 60_010m), ["ETH-USD"] = (3_000m, 3_001m), ["USDJPY"] = (150m, 150.01m) };

    /// <summary>A market buy, and the next quote that fills it.</summary>
    private static CommandResult Buy(TradingFixture f, string symbol, decimal quantity)
    {
        var result = f.Submit(symbol, Side.Buy, quantity);
        f.Quote(symbol, Quotes[symbol].Bid, Quotes[symbol].Ask);
        return result;
    }

    private static CommandResult Ask(TradingFixture f, RiskBudgetRequest request) => f.Execute(request.ToCommand(0));

    [Test]
    public void A_read_answers_the_configured_budget_and_its_use_and_changes_nothing()
    {
        var f = Running();
        Assert.That(Buy(f, "BTC-USD", 0.5m).Accepted);
        var sequence = f.Core.Sequence;

        var read = Ask(f, RiskBudgetRequest.Read);

        Assert.Multiple(() =>
        {
            Assert.That(read.Reason, Is.EqualTo(RejectReason.None));
            Assert.That(read.Budget.Budget, Is.EqualTo(new RiskBudget(0, 0, 2, 100_000, 2, 100_000)), "version 0: the configured limits");
            Assert.That(read.Budget.OpenPositions, Is.EqualTo(1));
            Assert.That(read.Budget.GrossExposure, Is.EqualTo(0.5 * 60_005).Within(1e-6), "at the mid");
            Assert.That((read.Budget.ConfiguredDailyLoss, read.Budget.ConfiguredDrawdown), Is.EqualTo((5_000L, 20_000L)), "what 5% and 20% of 100k allow");
            Assert.That(read.Budget.DailyLoss, Is.GreaterThan(0).And.EqualTo(read.Budget.Drawdown), "the spread paid on the buy, marked at the bid");
            Assert.That(read.Budget.DayStartMs, Is.EqualTo(f.Core.Account.Today.DayStartMs));
            Assert.That(f.Core.Sequence, Is.EqualTo(sequence), "nothing journalled");
        });
    }

    [Test]
    public void A_fence_takes_the_shard_over_and_an_older_coordinator_is_refused_from_then_on()
    {
        var f = Running();
        var fence = Ask(f, new RiskBudgetRequest(5, RiskBudgetRequest.Fence, 0, 0, 4, 200_000, 0, 0));
        Assert.That(fence.Reason, Is.EqualTo(RejectReason.None));
        Assert.That(fence.Budget.Budget, Is.EqualTo(new RiskBudget(5, 1, 2, 100_000, 4, 200_000) { HasLossSlices = true, MaxDailyLoss = 5_000, MaxDrawdown = 20_000 }),
            "the slice unchanged, the pool set, the loss slices cut from the configured 5% and 20% of 100k");
        Assert.That(f.Records.Last().Type, Is.EqualTo(RecordType.RiskBudgetChanged));

        Assert.Multiple(() =>
        {
            Assert.That(Ask(f, new RiskBudgetRequest(5, RiskBudgetRequest.Fence, 0, 0, 4, 200_000, 0, 0)).Reason, Is.EqualTo(RejectReason.RiskBudgetConflict), "the same epoch again: one owner per epoch");
            Assert.That(Ask(f, new RiskBudgetRequest(4, 1, 3, 100_000, 4, 200_000, 5_000, 20_000)).Reason, Is.EqualTo(RejectReason.RiskBudgetConflict), "an older epoch's move");
            Assert.That(Ask(f, new RiskBudgetRequest(5, 0, 3, 100_000, 4, 200_000, 5_000, 20_000)).Reason, Is.EqualTo(RejectReason.RiskBudgetConflict), "a version the shard no longer has");
            Assert.That(Ask(f, new RiskBudgetRequest(5, 1, 5, 100_000, 4, 200_000, 5_000, 20_000)).Reason, Is.EqualTo(RejectReason.InvalidOrder), "more than the pool");
            Assert.That(Ask(f, new RiskBudgetRequest(5, 1, 2, 0, 4, 200_000, 5_000, 20_000)).Reason, Is.EqualTo(RejectReason.InvalidOrder), "gross 0 would be no limit at all");
            Assert.That(Ask(f, new RiskBudgetRequest(6, RiskBudgetRequest.Fence, 0, 0, 1, 200_000, 0, 0)).Reason, Is.EqualTo(RejectReason.InvalidOrder), "a pool smaller than the slice");
            Assert.That(f.Core.Budget, Is.EqualTo(fence.Budget.Budget), "nothing refused changed the budget");
        });
    }

    [Test]
    public void The_pre_trade_checks_follow_the_budget_and_a_shrink_never_goes_below_what_is_in_use()
    {
        var f = Running();
        Ask(f, new RiskBudgetRequest(1, RiskBudgetRequest.Fence, 0, 0, 4, 200_000, 0, 0));
        Assert.That(Buy(f, "BTC-USD", 0.5m).Accepted);
        Assert.That(Buy(f, "ETH-USD", 1m).Accepted);
        Assert.That(Buy(f, "USDJPY", 1000m).Reason, Is.EqualTo(RejectReason.MaxOpenPositions), "the configured two");

        var grown = Ask(f, new RiskBudgetRequest(1, 1, 3, 100_000, 4, 200_000, 5_000, 20_000));
        Assert.That((grown.Reason, grown.Budget.Budget.Version, grown.Budget.Budget.MaxOpenPositions), Is.EqualTo((RejectReason.None, 2L, 3)));
        Assert.That(Buy(f, "USDJPY", 1000m).Accepted, "a third position on the grown budget");

        var below = Ask(f, new RiskBudgetRequest(1, 2, 2, 100_000, 4, 200_000, 5_000, 20_000));
        Assert.That(below.Reason, Is.EqualTo(RejectReason.RiskBudgetInUse), "three positions are open");
        var grossBelow = Ask(f, new RiskBudgetRequest(1, 2, 3, 10_000, 4, 200_000, 5_000, 20_000));
        Assert.That(grossBelow.Reason, Is.EqualTo(RejectReason.RiskBudgetInUse), "about 34k of gross exposure is held");

        var tight = Ask(f, new RiskBudgetRequest(1, 2, 3, 40_000, 4, 200_000, 5_000, 20_000));
        Assert.That(tight.Accepted, "just above the gross exposure held");
        Assert.That(Buy(f, "BTC-USD", 0.2m).Reason, Is.EqualTo(RejectReason.MaxGrossExposure), "12k more would pass the new 40k");
        Assert.That(Buy(f, "BTC-USD", 0.05m).Accepted, "3k more stays within it");
    }

    [TestCase(false)]
    [TestCase(true)]
    public void The_loss_checks_follow_the_coordinators_slices_in_money_and_a_shrink_never_goes_below_the_loss_taken(bool drawdown)
    {
        var f = Running();
        Ask(f, new RiskBudgetRequest(1, RiskBudgetRequest.Fence, 0, 0, 4, 200_000, 0, 0));
        Assert.That(Buy(f, "BTC-USD", 0.5m).Accepted);
        var (daily, down) = drawdown ? (5_000L, 100L) : (100L, 20_000L);
        Assert.That(Ask(f, new RiskBudgetRequest(1, 1, 2, 100_000, 4, 200_000, daily, down)).Accepted, "a slice of 100 is above the few units the spread cost");
        Assert.That(Ask(f, new RiskBudgetRequest(1, 2, 2, 100_000, 4, 200_000, drawdown ? daily : 1, drawdown ? 1 : down)).Reason, Is.EqualTo(RejectReason.RiskBudgetInUse),
            "below the loss already taken: another shard could be given it at once");

        f.Quote("BTC-USD", 59_800m, 59_810m); // about 100 down on the half bitcoin: far inside the configured 5% and 20%, past the slice of 100

        Assert.Multiple(() =>
        {
            Assert.That(f.Core.Status, Is.EqualTo(TradingStatus.Halted));
            Assert.That(f.Core.StatusReason, Is.EqualTo(drawdown ? StatusReason.DrawdownLimit : StatusReason.DailyLossLimit));
            Assert.That(f.Core.BudgetReport().DailyLoss, Is.GreaterThanOrEqualTo(100).And.LessThan(200));
        });
    }

    [Test]
    public void A_new_day_recuts_the_daily_loss_slice_to_the_configured_percentage_and_refuses_a_move_decided_the_day_before()
    {
        var f = Running();
        Ask(f, new RiskBudgetRequest(1, RiskBudgetRequest.Fence, 0, 0, 4, 200_000, 0, 0));
        Assert.That(Ask(f, new RiskBudgetRequest(1, 1, 2, 100_000, 4, 200_000, 1_000, 30_000)).Accepted);

        f.Quote("BTC-USD", 60_000m, 60_010m, advanceMs: 86_400_000);

        var budget = f.Core.Budget;
        Assert.Multiple(() =>
        {
            Assert.That(f.Records.TakeLast(2).Select(r => r.Type), Is.EqualTo(new[] { RecordType.DayRolled, RecordType.RiskBudgetChanged }), "journalled, so a replay recuts it too");
            Assert.That((budget.Version, budget.MaxDailyLoss, budget.MaxDrawdown), Is.EqualTo((3L, 5_000L, 30_000L)), "5% of the day's 100k; the drawdown slice is not daily");
            Assert.That(Ask(f, new RiskBudgetRequest(1, 2, 2, 100_000, 4, 200_000, 2_000, 30_000)).Reason, Is.EqualTo(RejectReason.RiskBudgetConflict), "decided on yesterday's version");
        });
    }

    [Test]
    public void A_budget_journalled_without_loss_slices_keeps_the_percentages_until_a_fence_cuts_them()
    {
        var f = Running();
        var old = new RiskBudget(1, 1, 2, 100_000, 4, 200_000).ToRecord(0, f.Now); // as journalled before budgets had loss slices
        old.Sequence = f.Core.Sequence + 1;
        f.Core.Apply(old);
        Assert.That(Buy(f, "BTC-USD", 0.5m).Accepted);
        f.Quote("BTC-USD", 59_800m, 59_810m);
        Assert.That(f.Core.Status, Is.EqualTo(TradingStatus.Running), "no slice of 0: the configured 5% and 20% still hold");

        var fence = Ask(f, new RiskBudgetRequest(2, RiskBudgetRequest.Fence, 0, 0, 4, 200_000, 0, 0));
        Assert.That((fence.Budget.Budget.HasLossSlices, fence.Budget.Budget.MaxDailyLoss, fence.Budget.Budget.MaxDrawdown), Is.EqualTo((true, 5_000L, 20_000L)));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void The_budget_survives_a_restart(bool fromSnapshot)
    {
        var directory = Directory.CreateTempSubdirectory("ll-budget-").FullName;
        try
        {
            RiskBudget moved;
            var live = new TradingFixture(Limits);
            using (var store = new TradingStore(directory, new JournalOptions { SnapshotEveryRecords = 0 }))
            {
                store.Open(live.Core);
                live.Run(CommandType.Start);
                Ask(live, new RiskBudgetRequest(3, RiskBudgetRequest.Fence, 0, 0, 4, 200_000, 0, 0));
                moved = Ask(live, new RiskBudgetRequest(3, 1, 1, 70_000, 4, 200_000, 5_000, 20_000)).Budget.Budget;
                Assert.That(JsonSerializer.Serialize(live.Core.Capture(), TradingCore.SnapshotJson), Does.Contain("\"riskBudget\""), "the snapshot holds the budget");
            }

            if (!fromSnapshot)
            {
                File.Delete(Directory.GetFiles(Path.Combine(directory, "snapshots")).Single()); // the journal alone
            }

            var restarted = new TradingFixture(Limits);
            using var again = new TradingStore(directory, new JournalOptions { SnapshotEveryRecords = 0 });
            again.Open(restarted.Core);
            Assert.That(restarted.Core.Budget, Is.EqualTo(moved with { Version = 2 }));
            restarted.Run(CommandType.Start);
            restarted.Quote("BTC-USD", 60_000m, 60_010m);
            restarted.Quote("ETH-USD", 3_000m, 3_001m);
            Assert.That(Buy(restarted, "BTC-USD", 0.5m).Accepted);
            Assert.That(Buy(restarted, "ETH-USD", 1m).Reason, Is.EqualTo(RejectReason.MaxOpenPositions), "the moved slice of one, not the configured two");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
