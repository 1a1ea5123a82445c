using LowLatency.Engine.Risk;
using LowLatency.EventStream;

namespace LowLatency.Cluster.Tests;

/// <summary>Where the coordinator puts the budgets: what each shard holds plus an equal part of the headroom, moved only when a shard runs short.</summary>
public sealed class RiskBudgetPlanTests
{
    private static RiskBudgetReport Report(int slice, int open, long grossSlice = 0, double gross = 0) =>
        new(new RiskBudget(1, 1, slice, grossSlice, 0, 0), open, gross);

    /// <summary>A shard at 2 of 2 positions with a daily-loss and a drawdown slice, the loss it has taken, and what its percentages allow.</summary>
    private static RiskBudgetReport Losing(long dailySlice, double dailyLoss, long drawdownSlice, double drawdown, long day = 0) =>
        new(new RiskBudget(1, 1, 2, 0, 4, 0) { HasLossSlices = true, MaxDailyLoss = dailySlice, MaxDrawdown = drawdownSlice }, 2, 0)
        {
            DailyLoss = dailyLoss, Drawdown = drawdown, ConfiguredDailyLoss = 2_500, ConfiguredDrawdown = 10_000, DayStartMs = day,
        };

    /// <summary>The open-positions and gross-exposure parts of the targets.</summary>
    private static Dictionary<string, (int, long)> PositionsAndGross(Dictionary<string, RiskBudgetSlice> targets) =>
        targets.ToDictionary(t => t.Key, t => (t.Value.Positions, t.Value.Gross));

    [Test]
    public void A_shard_at_its_slice_gets_half_of_the_headroom_from_one_that_uses_none()
    {
        var targets = RiskBudgetPlan.Targets(new Dictionary<string, RiskBudgetReport> { ["a"] = Report(2, 2), ["b"] = Report(2, 0) }, 4, 0);
        Assert.That(PositionsAndGross(targets), Is.EqualTo(new Dictionary<string, (int, long)> { ["a"] = (3, 0), ["b"] = (1, 0) }));
    }

    [Test]
    public void Nothing_moves_while_every_shard_has_at_least_half_of_its_part_free()
    {
        var reports = new Dictionary<string, RiskBudgetReport> { ["a"] = Report(3, 2, 30_000, 16_000), ["b"] = Report(3, 1, 30_000, 9_000) };
        Assert.That(PositionsAndGross(RiskBudgetPlan.Targets(reports, 6, 60_000)), Is.EqualTo(new Dictionary<string, (int, long)> { ["a"] = (3, 30_000), ["b"] = (3, 30_000) }));
    }

    [Test]
    public void A_remainder_stays_with_the_shard_that_has_it_so_an_even_plan_does_not_bounce()
    {
        var targets = RiskBudgetPlan.Targets(new Dictionary<string, RiskBudgetReport> { ["a"] = Report(3, 3), ["b"] = Report(1, 0) }, 4, 0);
        Assert.That(PositionsAndGross(targets), Is.EqualTo(new Dictionary<string, (int, long)> { ["a"] = (3, 0), ["b"] = (1, 0) }), "a full, b with the one left: no part to give");
    }

    [Test]
    public void Gross_exposure_is_split_on_what_is_held_rounded_up_and_more_held_than_the_pool_moves_nothing()
    {
        var targets = RiskBudgetPlan.Targets(new Dictionary<string, RiskBudgetReport> { ["a"] = Report(2, 2, 20_000, 16_000.4), ["b"] = Report(2, 0, 20_000, 0) }, 4, 40_000);
        Assert.That(PositionsAndGross(targets)["a"], Is.EqualTo((3, 16_001L + 11_999L)));
        Assert.That(PositionsAndGross(targets)["b"], Is.EqualTo((1, 12_000L)), "the odd unit stays with b, which holds it");
        var over = RiskBudgetPlan.Targets(new Dictionary<string, RiskBudgetReport> { ["a"] = Report(2, 2, 20_000, 30_000), ["b"] = Report(2, 2, 20_000, 15_000) }, 4, 40_000);
        Assert.That(over.Values.Select(t => t.Gross), Is.EqualTo(new[] { 20_000L, 20_000L }), "prices moved the held past the pool: nothing to give");
    }

    [Test]
    public void A_shard_near_its_daily_loss_slice_gets_part_of_what_a_flat_one_leaves_and_the_drawdown_alike()
    {
        var reports = new Dictionary<string, RiskBudgetReport> { ["a"] = Losing(2_500, 2_100.2, 10_000, 9_000), ["b"] = Losing(2_500, 0, 10_000, 0) };
        var pools = RiskBudgetPlan.LossPools(reports);
        Assert.That(pools, Is.EqualTo((5_000L, 20_000L)), "what the shards' percentages allow together");

        var targets = RiskBudgetPlan.Targets(reports, 4, 0, pools.DailyLoss, pools.Drawdown);
        Assert.Multiple(() =>
        {
            Assert.That((targets["a"].DailyLoss, targets["b"].DailyLoss), Is.EqualTo((2_101L + 1_449L, 1_450L)), "the loss taken, rounded up, plus half of the 2,899 no one has lost; the odd unit stays with b");
            Assert.That((targets["a"].Drawdown, targets["b"].Drawdown), Is.EqualTo((9_000L + 5_500L, 5_500L)));
            Assert.That(targets.Values.Sum(t => t.DailyLoss), Is.EqualTo(pools.DailyLoss));
        });
    }

    [Test]
    public void Daily_loss_does_not_move_while_the_shards_are_on_different_days()
    {
        var reports = new Dictionary<string, RiskBudgetReport> { ["a"] = Losing(2_500, 2_100, 10_000, 2_100, day: 86_400_000), ["b"] = Losing(2_500, 0, 10_000, 0, day: 0) };
        var pools = RiskBudgetPlan.LossPools(reports);
        Assert.That(pools.DailyLoss, Is.EqualTo(-1), "b has not rolled yet: its slice is yesterday's");
        var targets = RiskBudgetPlan.Targets(reports, 4, 0, pools.DailyLoss, pools.Drawdown);
        Assert.That((targets["a"].DailyLoss, targets["b"].DailyLoss), Is.EqualTo((2_500L, 2_500L)));
    }

    [Test]
    public void A_shard_without_loss_slices_counts_at_what_its_percentages_allow()
    {
        var unfenced = Losing(0, 2_100, 0, 2_100) with { Budget = new RiskBudget(1, 1, 2, 0, 4, 0) }; // journalled before budgets had loss slices
        Assert.That(RiskBudgetSlice.Of(unfenced), Is.EqualTo(new RiskBudgetSlice(2, 0, 2_500, 10_000)), "not 0: it trades on its percentages");
        var targets = RiskBudgetPlan.Targets(new Dictionary<string, RiskBudgetReport> { ["a"] = unfenced, ["b"] = Losing(2_500, 0, 10_000, 0) }, 4, 0, 5_000, 20_000);
        Assert.That(targets.Values.Sum(t => t.DailyLoss), Is.EqualTo(5_000), "the pool, with a's part counted");
    }
}
