namespace LowLatency.Bridge.Configuration;

/// <summary>
/// The bridge in a cluster (<c>Bridge:Cluster</c>): with <see cref="Nats"/> and <see cref="Database"/> set it
/// projects every shard of <see cref="Shards"/> from its journal stream into the shared PostgreSQL read side and
/// serves <c>/api/cluster/*</c> from there, sending orders to the owning shard over NATS. Unset (the embedded
/// default), none of it runs.
/// </summary>
public sealed record ClusterOptions
{
    /// <summary>The NATS server with JetStream, <c>nats://host:port</c>.</summary>
    public string? Nats { get; init; }

    /// <summary>The PostgreSQL connection string of the shared read side (Npgsql form).</summary>
    public string? Database { get; init; }

    /// <summary>The shard map, the same as every shard's <c>cluster.shards</c>: shard → symbols.</summary>
    public Dictionary<string, string[]> Shards { get; init; } = [];

    /// <summary>Every shard's <c>cluster.riskShare</c> (its slice of the capital, which its journal starts from).</summary>
    public double RiskShare { get; init; } = 1;

    /// <summary>This bridge's name in the rows it writes; default host and process.</summary>
    public string? Name { get; init; }

    /// <summary>How long an order waits for its shard's answer.</summary>
    public double CommandTimeoutSeconds { get; init; } = 5;

    public bool Enabled => Nats is not null && Database is not null && Shards.Count > 0;
}
