namespace LowLatency.EventStream;

/// <summary>Where a shard answers commands (<see cref="CommandResponder"/>), and how long a command may wait for the trading thread.</summary>
public sealed record CommandResponderOptions
{
    public required string Url { get; init; }

    public required string Shard { get; init; }

    /// <summary>How long a command waits for its result before the requester is told it timed out.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
}
