namespace LowLatency.Engine.Backtest;

/// <summary>
/// What the optimisers maximise, one table for both (the strategy optimiser's <c>objective</c>, the ensemble
/// weight optimiser's <c>metric</c>): returns, drawdown and win rate as fractions, so one name always means one
/// number. <c>winrate</c> is the weight optimiser's spelling of <c>win_rate</c>.
/// </summary>
public static class BacktestObjectives
{
    /// <summary>Every objective, by its name.</summary>
    public static readonly IReadOnlyList<string> Names = ["sharpe", "sortino", "return", "calmar", "profit_factor", "win_rate", "winrate", "profit", "combined"];

    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>The score of <paramref name="m"/> under <paramref name="objective"/>: higher is better.</summary>
    public static double Score(BacktestMetrics m, string objective)
    {
        ArgumentNullException.ThrowIfNull(m);
        var totalReturn = m.TotalReturnPercent / 100;
        var drawdown = m.MaxDrawdownPercent / 100;
        var winRate = m.WinRatePercent / 100;
        return objective switch
        {
            "sharpe" => m.SharpeRatio,
            "sortino" => m.SortinoRatio,
            "return" => totalReturn,
            "calmar" => drawdown > 0 ? totalReturn / drawdown : totalReturn,
            "profit_factor" => Analytics.Statistics.TradeStatistics.CappedProfitFactor(m.GrossProfit, m.GrossLoss),
            "win_rate" or "winrate" => winRate,
            "profit" => m.FinalEquity - (double)m.InitialEquity,
            "combined" => m.SharpeRatio + totalReturn + winRate,
            _ => throw new ArgumentException($"unknown objective '{objective}'; known: {string.Join(", ", Names)}", nameof(objective)),
        };
    }
}
