namespace LowLatency.Bridge.Analytics;

/// <summary>What to backtest: contract 2.1's body, plus an optional strategy name.</summary>
public sealed record BacktestRequest(string Symbol, int InstrumentId, DateTimeOffset From, DateTimeOffset To, decimal InitialCapital, string? Strategy);
