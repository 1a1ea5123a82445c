using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.Strategies;

namespace LowLatency.Work;

/// <summary>
/// One backtest of a job: everything <see cref="Engine.Backtest.StrategyBacktest.Run"/> takes, so that a worker
/// anywhere computes what the requester would have computed itself (the same seed, limits and bars).
/// </summary>
public sealed record BacktestTask
{
    public required string Job { get; init; }

    public required int Task { get; init; }

    public required StrategyDefinition Definition { get; init; }

    /// <summary>The strategy's file name, for the messages of a definition the loader refuses.</summary>
    public required string File { get; init; }

    public required string Symbol { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public required long MaxTicks { get; init; }

    public required ulong Seed { get; init; }

    public required AccountOptions Account { get; init; }

    public required RiskLimits Risk { get; init; }

    /// <summary>The stored bars of the window; null: seeded synthetic history (or bars in <see cref="HistoryObject"/>).</summary>
    public HistoryWindow? History { get; init; }

    /// <summary>Where the window's bars are when they were too many for the message: their name in <see cref="WorkNames.Objects"/>.</summary>
    public string? HistoryObject { get; init; }

    /// <summary>
    /// The whole result (trades, equity curve …) rather than the metrics alone, with progress on the job's progress
    /// subject as it runs: a backtest the API asked for, not one of an optimisation's.
    /// </summary>
    public bool WholeResult { get; init; }
}
