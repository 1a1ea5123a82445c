namespace LowLatency.Engine.Backtest;

/// <summary>
/// The performance of a backtest. Returns and drawdown in percent; Sharpe and Sortino annualised from daily
/// equity returns (√365 for instruments that trade every day, √252 otherwise; risk-free rate 0). Profit factor
/// is null when there was no losing trade (the original printed infinity).
/// </summary>
public sealed record BacktestMetrics
{
    public decimal InitialEquity { get; init; }

    public double FinalEquity { get; init; }

    public double TotalReturnPercent { get; init; }

    public double SharpeRatio { get; init; }

    public double SortinoRatio { get; init; }

    public double MaxDrawdownPercent { get; init; }

    /// <summary>Round trips (<see cref="Portfolio.RoundTripLedger"/>: one per fill that reduced a position); wins and losses, gross profit and loss count their P&amp;L net of fees.</summary>
    public long Trades { get; init; }

    public long Wins { get; init; }

    public long Losses { get; init; }

    public double WinRatePercent { get; init; }

    public double? ProfitFactor { get; init; }

    public decimal GrossProfit { get; init; }

    public decimal GrossLoss { get; init; }

    public decimal Fees { get; init; }

    public long Orders { get; init; }

    public long Fills { get; init; }

    public long RejectedOrders { get; init; }

    public int TradingDays { get; init; }
}
