using LowLatency.Engine.Journal;

namespace LowLatency.Engine.State;

/// <summary>How the trading journal is written: fsync policy, whether quotes are journalled, how often to snapshot.</summary>
public sealed record JournalOptions
{
    public FsyncPolicy Fsync { get; init; } = FsyncPolicy.EveryBatch;

    public int FsyncIntervalMs { get; init; } = 100;

    /// <summary>Journal every quote as a mark record (replay then restores equity too; costs a record per tick).</summary>
    public bool JournalTicks { get; init; }

    /// <summary>Write a snapshot after this many records (0: only at shutdown).</summary>
    public int SnapshotEveryRecords { get; init; } = 10_000;
}
