using Microsoft.Extensions.Logging;

namespace LowLatency.Disruptor;

/// <summary>Logs the failure and skips the entry: for stages where one bad entry must not stop the rest.</summary>
public sealed partial class LogAndContinueExceptionHandler(ILogger logger) : IExceptionHandler
{
    public ExceptionDecision OnEventException(Exception exception, long sequence, string processorName)
    {
        LogEventFailure(logger, exception, processorName, sequence);
        return ExceptionDecision.Continue;
    }

    public void OnStartException(Exception exception, string processorName) => LogLifecycleFailure(logger, exception, processorName, "start");

    public void OnShutdownException(Exception exception, string processorName) => LogLifecycleFailure(logger, exception, processorName, "shutdown");

    [LoggerMessage(Level = LogLevel.Error, Message = "Processor {Processor} failed on sequence {Sequence}; the entry is skipped")]
    private static partial void LogEventFailure(ILogger logger, Exception exception, string processor, long sequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Processor {Processor} failed during {Phase}")]
    private static partial void LogLifecycleFailure(ILogger logger, Exception exception, string processor, string phase);
}
