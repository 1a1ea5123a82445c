namespace LowLatency.Analytics.Statistics;

/// <summary>
/// Closed trades in a few figures (the risk page's): win rate (a fraction), average win and loss (both positive),
/// payoff (average win over average loss), the Kelly fraction those imply (clamped to 0–1), and the Sharpe ratio
/// of the trades' returns on their notional, scaled by √(number of trades); gross profit and loss (both positive).
/// </summary>
public sealed record TradeSummary(int Trades, double WinRate, double AverageWin, double AverageLoss, double Payoff, double Kelly, double Sharpe, decimal GrossProfit, decimal GrossLoss)
{
    /// <summary>Gross profit over gross loss with the one cap (<see cref="TradeStatistics.CappedProfitFactor"/>).</summary>
    public double ProfitFactor => TradeStatistics.CappedProfitFactor(GrossProfit, GrossLoss);
}
