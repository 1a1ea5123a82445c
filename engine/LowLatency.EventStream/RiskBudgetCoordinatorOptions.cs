namespace LowLatency.EventStream;

/// <summary>A <see cref="RiskBudgetCoordinator"/>'s shards and pace.</summary>
public sealed record RiskBudgetCoordinatorOptions
{
    /// <summary>The shards whose budgets it moves between (those of the shard map).</summary>
    public required IReadOnlyList<string> Shards { get; init; }

    /// <summary>How often it reads the shards' use and moves budget.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one request waits for its shard.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
