namespace LowLatency.History.Import;

/// <summary>A bar file cannot be imported: the message names the file, the line and why.</summary>
public sealed class BarFileException(string file, int line, string why) : FormatException($"{file}:{line}: {why}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    /// <summary>What is wrong, without the file and line.</summary>
    public string Why { get; } = why;
}
