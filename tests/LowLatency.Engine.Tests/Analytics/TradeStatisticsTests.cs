using LowLatency.Analytics.Statistics;
using LowLatency.Engine.Backtest;

namespace LowLatency.Engine.Tests.Analytics;

/// <summary>The one home of the performance statistics and of the optimisers' objectives, on hand-computed cases.</summary>
public sealed class TradeStatisticsTests
{
    [Test]
    public void Profit_factor_has_one_cap_for_a_run_without_a_loss()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TradeStatistics.ProfitFactor(300, 100), Is.EqualTo(3));
            Assert.That(TradeStatistics.ProfitFactor(300, 0), Is.Null);
            Assert.That(TradeStatistics.CappedProfitFactor(300, 0), Is.EqualTo(TradeStatistics.ProfitFactorCap));
            Assert.That(TradeStatistics.CappedProfitFactor(1_000_000, 1), Is.EqualTo(999.99));
            Assert.That(TradeStatistics.CappedProfitFactor(0, 0), Is.Zero, "no trade made or lost money");
            Assert.That(TradeStatistics.CappedProfitFactor(0, 50), Is.Zero);
        });
    }

    [Test]
    public void Win_rate_is_a_fraction()
    {
        Assert.That(TradeStatistics.WinRate(3, 4), Is.EqualTo(0.75));
        Assert.That(TradeStatistics.WinRate(0, 0), Is.Zero);
    }

    [Test]
    public void Sharpe_and_Sortino_of_three_returns()
    {
        // Returns 1 %, −2 %, 3 %: mean 0.6667 %, sample deviation 2.5166 %, downside deviation √(0.0004/3) = 1.1547 %.
        double[] returns = [0.01, -0.02, 0.03];
        Assert.That(TradeStatistics.Sharpe(returns, 252), Is.EqualTo(4.205259864).Within(1e-8));
        Assert.That(TradeStatistics.Sortino(returns, 252), Is.EqualTo(9.165151390).Within(1e-8));
        Assert.That(TradeStatistics.Sharpe([0.01], 252), Is.Zero, "one return has no deviation");
        Assert.That(TradeStatistics.Sortino([0.01, 0.02], 252), Is.Zero, "no downside");
    }

    [Test]
    public void The_optimisers_objectives_mean_one_number_each()
    {
        var m = new BacktestMetrics
        {
            InitialEquity = 10_000, FinalEquity = 11_000, TotalReturnPercent = 10, MaxDrawdownPercent = 4, WinRatePercent = 60,
            SharpeRatio = 1.5, SortinoRatio = 2, GrossProfit = 2_000, GrossLoss = 0,
        };
        Assert.Multiple(() =>
        {
            Assert.That(BacktestObjectives.Score(m, "win_rate"), Is.EqualTo(0.6));
            Assert.That(BacktestObjectives.Score(m, "winrate"), Is.EqualTo(0.6), "the weight optimiser's spelling, the same fraction");
            Assert.That(BacktestObjectives.Score(m, "return"), Is.EqualTo(0.1));
            Assert.That(BacktestObjectives.Score(m, "calmar"), Is.EqualTo(2.5).Within(1e-12));
            Assert.That(BacktestObjectives.Score(m, "profit_factor"), Is.EqualTo(999.99));
            Assert.That(BacktestObjectives.Score(m, "profit"), Is.EqualTo(1_000));
            Assert.That(BacktestObjectives.Score(m, "combined"), Is.EqualTo(1.5 + 0.1 + 0.6).Within(1e-12));
            Assert.That(() => BacktestObjectives.Score(m, "luck"), Throws.ArgumentException.With.Message.Contains("known: sharpe"));
        });
    }

    [Test]
    public void Kelly_is_the_one_formula_the_sizer_and_the_risk_page_use()
    {
        Assert.That(TradeStatistics.Kelly(0.55, 2), Is.EqualTo(0.325).Within(1e-12), "0.55 − 0.45 / 2");
        Assert.That(TradeStatistics.Kelly(0.55, 0), Is.Zero);
        var sizing = new LowLatency.Engine.Strategies.SizingConfig { WinRate = 0.55, Payoff = 2, KellyFraction = 0.5, KellyCap = 0.25 };
        Assert.That(LowLatency.Engine.Risk.PositionSizer.KellyFraction(sizing), Is.EqualTo(0.1625).Within(1e-12), "half Kelly");
    }

    [Test]
    public void A_summary_of_three_closed_trades()
    {
        // +100, −50, +30 on 1,000 each: win rate 2/3, payoff 65 / 50 = 1.3, Kelly 2/3 − (1/3)/1.3, returns 10 %, −5 %, 3 %.
        var summary = TradeStatistics.Of([(100m, 1_000m), (-50m, 1_000m), (30m, 1_000m)]);
        Assert.Multiple(() =>
        {
            Assert.That(summary.WinRate, Is.EqualTo(2.0 / 3).Within(1e-12));
            Assert.That((summary.AverageWin, summary.AverageLoss), Is.EqualTo((65.0, 50.0)));
            Assert.That(summary.Payoff, Is.EqualTo(1.3).Within(1e-12));
            Assert.That(summary.Kelly, Is.EqualTo(0.41025641).Within(1e-8));
            Assert.That(summary.Sharpe, Is.EqualTo(0.615384615).Within(1e-8));
            Assert.That(summary.ProfitFactor, Is.EqualTo(2.6).Within(1e-12));
        });
    }
}
