namespace LowLatency.Disruptor;

/// <summary>What a processor does after a handler threw.</summary>
public enum ExceptionDecision
{
    /// <summary>Skip the failing entry and go on with the next.</summary>
    Continue,

    /// <summary>Stop the processor; it records the fault and processes nothing more.</summary>
    Halt,
}
