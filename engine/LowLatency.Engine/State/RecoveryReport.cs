namespace LowLatency.Engine.State;

/// <summary>What start-up recovery did: the snapshot used, records replayed, and any bad tail it cut off.</summary>
public sealed record RecoveryReport(string? Snapshot, long SnapshotSequence, long RecordsReplayed, long LastSequence, string? Problem, long BytesTruncated);
