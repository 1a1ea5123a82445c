using LowLatency.Engine.Backtest;

namespace LowLatency.Work;

/// <summary>
/// What a worker made of a task: the backtest's metrics (and, when the task asked for it, where its whole result
/// is: too large for a message, it waits in the object store), or why there is none: the strategy refused the parameters.
/// </summary>
public sealed record BacktestTaskResult(string Job, int Task, BacktestMetrics? Metrics, string? Refused, string Worker)
{
    /// <summary>The whole result's name in <see cref="WorkNames.Objects"/> (<see cref="WorkNames.OutputObject"/>); null when the task did not ask for it.</summary>
    public string? ResultObject { get; init; }
}
