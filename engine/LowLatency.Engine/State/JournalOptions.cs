using LowLatency.Engine.Journal;

namespace LowLatency.Engine.State;

/// <summary>How the trading journal is written: fsync policy, whether quotes are journalled, how often to snapshot.</summary>
public sealed record JournalOptions
{
    public FsyncPolicy Fsync { get; init; } = FsyncPolicy.EveryBatch;

    public int FsyncIntervalMs { get; init; } = 100;

    /// <summary>Journal every quote as a mark record (replay then restores equity too; costs a record per tick).</summary>
    public bool JournalTicks { get; init; }

    /// <summary>
    /// How far a batch must have gone before its orders, cancels and replaces go to a real venue. Written (the
    /// default): they leave as soon as the OS holds the records, while the fsync follows beside the trading thread;
    /// the incarnation in every ClOrdID and the logon reconciliation cover a power cut that loses the unsynced tail.
    /// </summary>
    public DurabilityPoint BeforeSend { get; init; } = DurabilityPoint.Written;

    /// <summary>How far a batch must have gone before its records and command results reach the listener (an HTTP acknowledgement): synced by default.</summary>
    public DurabilityPoint BeforeAck { get; init; } = DurabilityPoint.Synced;

    /// <summary>Write a snapshot after this many records (0: only at shutdown).</summary>
    public int SnapshotEveryRecords { get; init; } = 10_000;

    /// <summary>The size past which the journal starts a new segment at the end of a batch (0: one file for ever).</summary>
    public long SegmentBytes { get; init; } = 256L << 20;

    /// <summary>What becomes of a segment no kept snapshot needs and the event stream has published: kept by default.</summary>
    public JournalRetention Retention { get; init; } = JournalRetention.Keep;

    /// <summary>Where <see cref="JournalRetention.Archive"/> moves segments (default: <c>journal-archive</c> in the data directory).</summary>
    public string? ArchiveDirectory { get; init; }
}
