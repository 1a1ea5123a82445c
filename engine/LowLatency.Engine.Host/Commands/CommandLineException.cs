namespace LowLatency.Engine.Host.Commands;

/// <summary>A command line that cannot be used; the message says which option and why.</summary>
public sealed class CommandLineException : Exception
{
    public CommandLineException()
    {
    }

    public CommandLineException(string message)
        : base(message)
    {
    }

    public CommandLineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
