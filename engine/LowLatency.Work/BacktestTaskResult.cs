using LowLatency.Engine.Backtest;

namespace LowLatency.Work;

/// <summary>What a worker made of a task: the backtest's metrics, or why the strategy refused the parameters.</summary>
public sealed record BacktestTaskResult(string Job, int Task, BacktestMetrics? Metrics, string? Refused, string Worker);
