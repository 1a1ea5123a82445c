namespace LowLatency.Engine.Backtest;

/// <summary>A position still open when a backtest ends, marked at the last mid: its unrealised P&amp;L is part of the final equity.</summary>
public sealed record BacktestOpenPosition(string Symbol, decimal Quantity, decimal AveragePrice, decimal MarkPrice, double UnrealizedPnl);
