namespace LowLatency.Engine.Journal;

/// <summary>
/// The journal cannot be trusted as it is: a bad record with valid records after it, or records whose sequence
/// numbers do not follow each other, or a snapshot it does not agree with. Start-up refuses; the message names
/// the file, the byte offset and the sequence, and how to proceed. Nothing on disk was changed.
/// </summary>
public sealed class JournalCorruptException : Exception
{
    public JournalCorruptException(string path, JournalRecovery recovery, long? lastSequence)
        : base(Describe(path, recovery, lastSequence))
    {
        ArgumentNullException.ThrowIfNull(recovery);
        Path = path;
        Offset = recovery.ValidLength;
        LastGoodSequence = lastSequence;
    }

    public JournalCorruptException(string path, long offset, long? lastGoodSequence, string problem)
        : base($"journal {path} is inconsistent at byte {offset} (after sequence {lastGoodSequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}): {problem}. Nothing was changed. {HowToProceed(path, offset)}")
    {
        Path = path;
        Offset = offset;
        LastGoodSequence = lastGoodSequence;
    }

    public JournalCorruptException()
    {
        Path = "";
    }

    public JournalCorruptException(string message)
        : base(message)
    {
        Path = "";
    }

    public JournalCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "";
    }

    public string Path { get; }

    /// <summary>The byte offset where the trouble starts (the end of the last trusted record).</summary>
    public long Offset { get; }

    /// <summary>The sequence of the last record before the trouble, when known.</summary>
    public long? LastGoodSequence { get; }

    private static string Describe(string path, JournalRecovery recovery, long? lastSequence) =>
        $"journal {path} is corrupt in the middle: {recovery.Problem}, after sequence {lastSequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}, " +
        $"and {recovery.RecordsAfterProblem} valid records follow it, so this is not a torn tail. Nothing was changed. {HowToProceed(path, recovery.ValidLength)}";

    private static string HowToProceed(string path, long offset) =>
        $"To proceed, restore the data directory from a backup; or, accepting the loss of every record from byte {offset} on, keep a copy and cut it there: " +
        $"cp '{path}' '{path}.corrupt' && truncate -s {offset} '{path}', then delete the snapshots newer than that sequence.";
}
