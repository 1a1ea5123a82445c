using LowLatency.Disruptor;
using LowLatency.Engine.State;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Pipeline;

/// <summary>
/// The failure policy of the stages that change the state of record (risk, routing): any exception halts trading
/// loudly — journalled as a halt with reason Fault, logged critical, refused commands from then on — instead of
/// carrying on with memory that may differ from the journal. The stage keeps consuming so that the link still
/// gets answers (refusals, snapshots); the next start replays the journal.
/// </summary>
public sealed partial class TradingFaultHandler(TradingCore core, ILogger logger) : IExceptionHandler
{
    public ExceptionDecision OnEventException(Exception exception, long sequence, string processorName)
    {
        LogFault(logger, exception, processorName, sequence);
        core.Fault(exception, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return ExceptionDecision.Continue;
    }

    public void OnStartException(Exception exception, string processorName) => OnEventException(exception, -1, processorName);

    public void OnShutdownException(Exception exception, string processorName) => LogFault(logger, exception, processorName, -1);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Trading HALTED: {Processor} failed on ring sequence {Sequence} in the code that changes the state of record; memory may differ from the journal. Restart the engine (it replays the journal), then clear the halt")]
    private static partial void LogFault(ILogger logger, Exception exception, string processor, long sequence);
}
