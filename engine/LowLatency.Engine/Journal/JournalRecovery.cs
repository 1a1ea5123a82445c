namespace LowLatency.Engine.Journal;

/// <summary>What reading a journal found: the good records, and what was wrong after them, if anything.</summary>
/// <param name="Records">Records that passed their checks, in order.</param>
/// <param name="ValidLength">Bytes up to the end of the last good record.</param>
/// <param name="FileLength">Bytes in the file when it was read.</param>
/// <param name="Problem">Why reading stopped before the end of the file (torn or corrupt), or null.</param>
/// <param name="RecordsAfterProblem">Valid records found after the bad one: 0 for a torn tail, more for corruption in the middle.</param>
public sealed record JournalRecovery(long Records, long ValidLength, long FileLength, string? Problem, long RecordsAfterProblem = 0)
{
    /// <summary>True when bytes after the last good record were (or would be) discarded.</summary>
    public bool HadBadTail => ValidLength < FileLength;

    /// <summary>A bad record with valid ones after it: history would be lost by truncating, so nothing may start on it.</summary>
    public bool IsCorrupt => Problem is not null && RecordsAfterProblem > 0;
}
