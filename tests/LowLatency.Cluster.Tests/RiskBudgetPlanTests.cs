using LowLatency.Engine.Risk;
using LowLatency.EventStream;

namespace LowLatency.Cluster.Tests;

/// <summary>Where the coordinator puts the budgets: what each shard holds plus an equal part of the headroom, moved only when a shard runs short.</summary>
public sealed class RiskBudgetPlanTests
{
    private static RiskBudgetReport Report(int slice, int open, long grossSlice = 0, double gross = 0) =>
        new(new RiskBudget(1, 1, slice, grossSlice, 0, 0), open, gross);

    [Test]
    public void A_shard_at_its_slice_gets_half_of_the_headroom_from_one_that_uses_none()
    {
        var targets = RiskBudgetPlan.Targets(new Dictionary<string, RiskBudgetReport> { ["a"] = Report(2, 2), ["b"] = Report(2, 0) }, 4, 0);
        Assert.That(targets, Is.EqualTo(new Dictionary<string, (int, long)> { ["a"] = (3, 0), ["b"] = (1, 0) }));
    }

    [Test]
    public void Nothing_moves_while_every_shard_has_at_least_half_of_its_part_free()
    {
        var reports = new Dictionary<string, RiskBudgetReport> { ["a"] = Report(3, 2, 30_000, 16_000), ["b"] = Report(3, 1, 30_000, 9_000) };
        Assert.That(RiskBudgetPlan.Targets(reports, 6, 60_000), Is.EqualTo(new Dictionary<string, (int, long)> { ["a"] = (3, 30_000), ["b"] = (3, 30_000) }));
    }

    [Test]
    public void A_remainder_stays_with_the_shard_that_has_it_so_an_even_plan_does_not_bounce()
    {
        var targets = RiskBudgetPlan.Targets(new Dictionary<string, RiskBudgetReport> { ["a"] = Report(3, 3), ["b"] = Report(1, 0) }, 4, 0);
        Assert.That(targets, Is.EqualTo(new Dictionary<string, (int, long)> { ["a"] = (3, 0), ["b"] = (1, 0) }), "a full, b with the one left: no part to give");
    }

    [Test]
    public void Gross_exposure_is_split_on_what_is_held_rounded_up_and_more_held_than_the_pool_moves_nothing()
    {
        var targets = RiskBudgetPlan.Targets(new Dictionary<string, RiskBudgetReport> { ["a"] = Report(2, 2, 20_000, 16_000.4), ["b"] = Report(2, 0, 20_000, 0) }, 4, 40_000);
        Assert.That(targets["a"], Is.EqualTo((3, 16_001L + 11_999L)));
        Assert.That(targets["b"], Is.EqualTo((1, 12_000L)), "the odd unit stays with b, which holds it");
        var over = RiskBudgetPlan.Targets(new Dictionary<string, RiskBudgetReport> { ["a"] = Report(2, 2, 20_000, 30_000), ["b"] = Report(2, 2, 20_000, 15_000) }, 4, 40_000);
        Assert.That(over.Values.Select(t => t.Gross), Is.EqualTo(new[] { 20_000L, 20_000L }), "prices moved the held past the pool: nothing to give");
    }
}
