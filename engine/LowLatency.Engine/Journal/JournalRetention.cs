namespace LowLatency.Engine.Journal;

/// <summary>What becomes of a journal segment that no kept snapshot needs and the event stream has published.</summary>
public enum JournalRetention
{
    /// <summary>Kept where it is: the journal grows without bound.</summary>
    Keep,

    /// <summary>Moved to the archive directory (another disk, a backup's pick-up folder).</summary>
    Archive,

    /// <summary>Deleted: disk use is bounded by the segment size and the snapshot interval.</summary>
    Delete,
}
