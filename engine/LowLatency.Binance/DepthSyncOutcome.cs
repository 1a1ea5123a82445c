namespace LowLatency.Binance;

/// <summary>What a depth diff or snapshot did to the local book.</summary>
public enum DepthSyncOutcome : byte
{
    /// <summary>Kept until a snapshot arrives (no book yet).</summary>
    Buffered,

    /// <summary>Applied: the book is live and continuous.</summary>
    Applied,

    /// <summary>Older than the book (its last update id is at or before the book's): nothing to do.</summary>
    Ignored,

    /// <summary>The snapshot is older than the first buffered diff: fetch another; the diffs stay buffered.</summary>
    SnapshotTooOld,

    /// <summary>A break in the numbering: the book is stale, a new snapshot is needed, and the resync is counted.</summary>
    Gap,
}
