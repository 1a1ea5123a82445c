namespace LowLatency.Disruptor;

/// <summary>
/// Thrown out of a wait when its barrier is alerted (a processor is being halted). One cached
/// instance: halting must not allocate, and the stack trace carries no information.
/// </summary>
public sealed class AlertException : Exception
{
    public static readonly AlertException Instance = new();

    private AlertException()
        : base("The sequence barrier was alerted.")
    {
    }
}
