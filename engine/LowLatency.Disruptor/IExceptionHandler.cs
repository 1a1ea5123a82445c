namespace LowLatency.Disruptor;

/// <summary>The policy applied when a handler throws.</summary>
public interface IExceptionHandler
{
    ExceptionDecision OnEventException(Exception exception, long sequence, string processorName);

    void OnStartException(Exception exception, string processorName);

    void OnShutdownException(Exception exception, string processorName);
}
