namespace LowLatency.Engine.Host.Configuration;

/// <summary>
/// The engine's place in a cluster (<c>cluster</c> in engine.json): its shard name and the NATS server its journal
/// is published to. With no <see cref="Nats"/> (the embedded default) nothing is published and nothing waits on it.
/// </summary>
public sealed record ClusterConfig
{
    /// <summary>The NATS server with JetStream, <c>nats://host:port</c>; null: no event stream.</summary>
    public string? Nats { get; init; }

    /// <summary>This engine's shard: its subject <c>ll.journal.SHARD</c>.</summary>
    public string Shard { get; init; } = "main";

    /// <summary>Publishes in flight before the oldest must be acknowledged.</summary>
    public int PublishWindow { get; init; } = 256;
}
