namespace LowLatency.EventStream;

/// <summary>Where and how a shard publishes its journal to JetStream.</summary>
public sealed record JournalPublisherOptions
{
    /// <summary>The NATS server, <c>nats://host:port</c>.</summary>
    public required string Url { get; init; }

    /// <summary>This engine's shard name (<see cref="JournalStreamNames.IsValidShard"/>).</summary>
    public required string Shard { get; init; }

    /// <summary>Publishes in flight before the oldest must be acknowledged.</summary>
    public int Window { get; init; } = 256;

    /// <summary>How long a connect or an acknowledgement may take before the round is retried.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between reconnection attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often an idle publisher looks for newly durable records.</summary>
    public TimeSpan IdlePoll { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>The stream's duplicate window: a record published again within it (an acknowledgement lost) is stored once.</summary>
    public TimeSpan DuplicateWindow { get; init; } = TimeSpan.FromMinutes(2);
}
