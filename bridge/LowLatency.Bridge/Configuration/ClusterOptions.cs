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

    /// <summary>This bridge's name in the rows it writes; default host and process (<see cref="BridgeName"/>).</summary>
    public string? Name { get; init; }

    /// <summary>The name this bridge goes by: <see cref="Name"/>, else host and process.</summary>
    public string BridgeName => Name ?? $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>
    /// With <see cref="ServeFrontend"/>: how long a job's bridge may go without a heartbeat before another bridge
    /// takes the job over and runs it again from its request.
    /// </summary>
    public double JobLeaseSeconds { get; init; } = 10;

    /// <summary>With <see cref="ServeFrontend"/>: how long an ended job stays on the cluster's board for polls.</summary>
    public double JobRetentionDays { get; init; } = 7;

    /// <summary>How long an order waits for its shard's answer.</summary>
    public double CommandTimeoutSeconds { get; init; } = 5;

    /// <summary>
    /// Whether this bridge is a candidate to run the cluster's risk-budget coordinator (<see cref="EventStream.RiskBudgetCoordinator"/>),
    /// which moves open-positions and gross-exposure budget between the shards as they use it. Of the candidates, the
    /// one holding the lease (<see cref="EventStream.CoordinatorLease"/>) acts and the others stand by to take over.
    /// Off on every bridge: each shard keeps its configured share.
    /// </summary>
    public bool Coordinator { get; init; }

    /// <summary>How often the coordinator reads the shards and moves budget.</summary>
    public double CoordinatorIntervalSeconds { get; init; } = 1;

    /// <summary>
    /// Whether the frontend's order routes (<c>/api/orders</c>) answer for every shard from the read side, ids
    /// <c>SHARD:ID</c>, rather than for the linked engine alone; needs the cluster settings above.
    /// </summary>
    public bool ServeFrontend { get; init; }

    public bool Enabled => Nats is not null && Database is not null && Shards.Count > 0;
}
