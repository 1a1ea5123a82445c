namespace LowLatency.Engine.Backtest;

/// <summary>A risk halt that stopped a backtest's trading: why (a <c>StatusReason</c> name) and from when.</summary>
public sealed record BacktestHalt(string Reason, DateTimeOffset Time);
