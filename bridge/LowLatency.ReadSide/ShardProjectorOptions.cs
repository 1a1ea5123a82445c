namespace LowLatency.ReadSide;

/// <summary>What a bridge projects, from where, into where.</summary>
public sealed record ShardProjectorOptions
{
    /// <summary>The NATS server with the shards' streams.</summary>
    public required string Nats { get; init; }

    /// <summary>The PostgreSQL connection string of the shared read side.</summary>
    public required string Database { get; init; }

    /// <summary>The shard whose stream is projected.</summary>
    public required string Shard { get; init; }

    /// <summary>Who projects (a bridge's name), recorded with each record it wrote.</summary>
    public required string Projector { get; init; }

    /// <summary>Records per transaction at most.</summary>
    public int BatchRecords { get; init; } = 512;

    /// <summary>How often (in records) the mirror's state is saved with the projection, where a restart begins.</summary>
    public int SnapshotEveryRecords { get; init; } = 1_000;

    /// <summary>The longest wait between attempts after a failure.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(2);
}
