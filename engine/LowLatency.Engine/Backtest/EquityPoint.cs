namespace LowLatency.Engine.Backtest;

/// <summary>The account's equity at the end of one UTC day of a backtest.</summary>
public readonly record struct EquityPoint(DateOnly Date, double Equity);
