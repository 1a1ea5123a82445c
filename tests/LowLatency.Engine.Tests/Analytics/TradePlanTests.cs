using LowLatency.Analytics.Trading;

namespace LowLatency.Engine.Tests.Analytics;

/// <summary>The one risk/reward of a trade plan (the calculator's and the agent's gate's), on hand-computed plans.</summary>
public sealed class TradePlanTests
{
    [Test]
    public void A_long_risking_5_to_make_15()
    {
        var plan = new TradePlan(100, 95, 115);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Problem, Is.Null);
            Assert.That((plan.IsLong, plan.RiskPerUnit, plan.RewardPerUnit, plan.Ratio), Is.EqualTo((true, 5m, 15m, 3m)));
            Assert.That(plan.Rating, Is.EqualTo("excellent"));
            Assert.That(plan.BreakevenWinRatePercent, Is.EqualTo(25m));
            Assert.That(plan.ExpectedValue(0.5m), Is.EqualTo(1m), "0.5 × 3 − 0.5 R");
            Assert.That(Risk.PositionSizer.FixedFractional(10_000, 2, (double)plan.RiskPerUnit), Is.EqualTo(40), "2 % of 10,000 at 5 a unit");
        });
    }

    [TestCase(100, 105, 115, "stop-loss below the entry")]
    [TestCase(100, 95, 90, "stop-loss above the entry")]
    [TestCase(100, 95, 100, "must differ")]
    [TestCase(0, 95, 115, "must be positive")]
    public void A_plan_with_its_stop_on_the_wrong_side_cannot_be_traded(decimal entry, decimal stop, decimal target, string why)
    {
        Assert.That(new TradePlan(entry, stop, target).Problem, Does.Contain(why));
    }

    [Test]
    public void A_plan_from_a_signal_loses_reward_as_the_price_runs_toward_its_target()
    {
        // BUY at 100 with ATR 5: stop 90, target 120.
        var atSignal = TradePlan.FromSignal(buy: true, signalPrice: 100, entry: 100, atr: 5);
        var chased = TradePlan.FromSignal(buy: true, signalPrice: 100, entry: 112, atr: 5);
        var pastTarget = TradePlan.FromSignal(buy: true, signalPrice: 100, entry: 125, atr: 5);
        var sell = TradePlan.FromSignal(buy: false, signalPrice: 100, entry: 101, atr: 5);
        Assert.Multiple(() =>
        {
            Assert.That((atSignal.Stop, atSignal.Target, atSignal.Ratio, atSignal.MeetsMinimum), Is.EqualTo((90m, 120m, 2m, true)));
            Assert.That((chased.RewardPerUnit, chased.RiskPerUnit, chased.MeetsMinimum), Is.EqualTo((8m, 22m, false)), "8 to make for 22 at risk");
            Assert.That(pastTarget.Problem, Is.Not.Null);
            Assert.That(pastTarget.MeetsMinimum, Is.False);
            Assert.That((sell.Stop, sell.Target, sell.Ratio), Is.EqualTo((110m, 80m, 21m / 9m)), "a sell: 21 to make for 9 at risk");
        });
    }
}
