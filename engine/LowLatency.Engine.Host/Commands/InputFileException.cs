namespace LowLatency.Engine.Host.Commands;

/// <summary>A user's input file is unreadable: the message names the file, the line and why.</summary>
public sealed class InputFileException(string file, int line, string why) : Exception($"{file}:{line}: {why}")
{
    public string File { get; } = file;

    public int Line { get; } = line;
}
