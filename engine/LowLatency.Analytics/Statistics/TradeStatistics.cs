using MathNet.Numerics.Statistics;

namespace LowLatency.Analytics.Statistics;

/// <summary>
/// The performance statistics every report uses (backtests, the optimisers, the portfolio page): win rate as a
/// fraction, profit factor with one cap for a run without a loss, and Sharpe and Sortino ratios of periodic
/// returns. One home, so two pages never state one run's figures differently.
/// </summary>
public static class TradeStatistics
{
    /// <summary>What a profit factor reads as when there was profit and no loss (the original printed infinity, which JSON cannot carry).</summary>
    public const double ProfitFactorCap = 999.99;

    /// <summary>Gross profit over gross loss (both positive amounts); null without a loss.</summary>
    public static double? ProfitFactor(decimal grossProfit, decimal grossLoss) => grossLoss > 0 ? (double)(grossProfit / grossLoss) : null;

    /// <summary><see cref="ProfitFactor"/> bounded by <see cref="ProfitFactorCap"/>: the cap without a loss, 0 without a trade that made or lost money.</summary>
    public static double CappedProfitFactor(decimal grossProfit, decimal grossLoss) =>
        ProfitFactor(grossProfit, grossLoss) is { } factor ? Math.Min(factor, ProfitFactorCap) : grossProfit > 0 ? ProfitFactorCap : 0;

    /// <summary>Winning trades over all trades, a fraction; 0 without trades.</summary>
    public static double WinRate(long wins, long trades) => trades > 0 ? (double)wins / trades : 0;

    /// <summary>Mean over sample standard deviation of the returns, times √<paramref name="periodsPerYear"/> (risk-free rate 0); 0 when it is undefined.</summary>
    public static double Sharpe(IReadOnlyList<double> returns, double periodsPerYear)
    {
        ArgumentNullException.ThrowIfNull(returns);
        if (returns.Count < 2)
        {
            return 0;
        }

        var deviation = returns.StandardDeviation(); // MathNet's sample (n − 1) deviation, as realised volatility's
        return deviation > 0 ? returns.Average() / deviation * Math.Sqrt(periodsPerYear) : 0;
    }

    /// <summary>Mean over downside deviation (the root mean square of the returns below 0, over all periods), times √<paramref name="periodsPerYear"/>; 0 when it is undefined.</summary>
    public static double Sortino(IReadOnlyList<double> returns, double periodsPerYear)
    {
        ArgumentNullException.ThrowIfNull(returns);
        if (returns.Count == 0)
        {
            return 0;
        }

        var downside = Math.Sqrt(returns.Sum(r => Math.Min(r, 0) * Math.Min(r, 0)) / returns.Count);
        return downside > 0 ? returns.Average() / downside * Math.Sqrt(periodsPerYear) : 0;
    }

    /// <summary>Full Kelly, <c>p − (1 − p)/b</c> for win rate <paramref name="winRate"/> and payoff <paramref name="payoff"/>; 0 without a payoff.</summary>
    public static double Kelly(double winRate, double payoff) => payoff > 0 ? winRate - ((1 - winRate) / payoff) : 0;

    /// <summary>The summary of closed trades, each its P&amp;L and its entry notional (for its return).</summary>
    public static TradeSummary Of(IReadOnlyList<(decimal Pnl, decimal Notional)> trades)
    {
        ArgumentNullException.ThrowIfNull(trades);
        var wins = trades.Where(t => t.Pnl > 0).Select(t => (double)t.Pnl).ToList();
        var losses = trades.Where(t => t.Pnl < 0).Select(t => -(double)t.Pnl).ToList();
        var winRate = WinRate(wins.Count, trades.Count);
        var averageWin = wins.Count == 0 ? 0 : wins.Average();
        var averageLoss = losses.Count == 0 ? 0 : losses.Average();
        var payoff = averageLoss > 0 ? averageWin / averageLoss : 0;
        var returns = trades.Select(t => t.Notional == 0 ? 0 : (double)(t.Pnl / t.Notional)).ToList();
        return new TradeSummary(trades.Count, winRate, averageWin, averageLoss, payoff, Math.Clamp(Kelly(winRate, payoff), 0, 1), Sharpe(returns, returns.Count),
            trades.Where(t => t.Pnl > 0).Sum(t => t.Pnl), -trades.Where(t => t.Pnl < 0).Sum(t => t.Pnl));
    }
}
