using Microsoft.Extensions.Logging;

namespace LowLatency.Disruptor;

/// <summary>
/// Logs the failure and halts the processor: for stages whose state would be wrong after a skipped entry.
/// Producers gated by a halted processor stop once the ring is full, which is the intent.
/// </summary>
public sealed partial class HaltOnExceptionHandler(ILogger logger) : IExceptionHandler
{
    public ExceptionDecision OnEventException(Exception exception, long sequence, string processorName)
    {
        LogHalt(logger, exception, processorName, sequence);
        return ExceptionDecision.Halt;
    }

    public void OnStartException(Exception exception, string processorName) => LogLifecycleFailure(logger, exception, processorName, "start");

    public void OnShutdownException(Exception exception, string processorName) => LogLifecycleFailure(logger, exception, processorName, "shutdown");

    [LoggerMessage(Level = LogLevel.Critical, Message = "Processor {Processor} failed on sequence {Sequence}; halting it")]
    private static partial void LogHalt(ILogger logger, Exception exception, string processor, long sequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Processor {Processor} failed during {Phase}")]
    private static partial void LogLifecycleFailure(ILogger logger, Exception exception, string processor, string phase);
}
