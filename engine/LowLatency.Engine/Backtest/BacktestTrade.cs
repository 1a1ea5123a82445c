namespace LowLatency.Engine.Backtest;

/// <summary>One fill of a backtest, as the result file lists it.</summary>
public sealed record BacktestTrade(
    long Sequence,
    DateTimeOffset Time,
    long OrderId,
    string Symbol,
    string Side,
    decimal Quantity,
    decimal Price,
    decimal Fee,
    decimal RealizedPnl,
    bool Closing,
    string Strategy);
