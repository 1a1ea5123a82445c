namespace LowLatency.Engine.Journal;

/// <summary>When appended records are forced to stable storage.</summary>
public enum FsyncPolicy
{
    /// <summary>On every <see cref="JournalWriter.Commit"/> (end of a batch): nothing acknowledged is lost.</summary>
    EveryBatch,

    /// <summary>At most once per interval: a crash may lose the last interval's records.</summary>
    Interval,

    /// <summary>Left to the operating system: fastest, may lose what the OS had not written.</summary>
    None,
}
