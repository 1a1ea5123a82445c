namespace LowLatency.Engine.State;

/// <summary>What start-up recovery did: the snapshot used, records replayed, any torn tail it cut off, and the snapshots it skipped (with why).</summary>
public sealed record RecoveryReport(string? Snapshot, long SnapshotSequence, long RecordsReplayed, long LastSequence, string? Problem, long BytesTruncated)
{
    public IReadOnlyList<string> SkippedSnapshots { get; init; } = [];

    /// <summary>The frame CRC of the journal's last record (what the next snapshot's header must name while nothing is appended).</summary>
    public uint LastRecordCrc { get; init; }
}
