namespace LowLatency.Disruptor;

/// <summary>
/// Optional for an <see cref="IEventHandler{T}"/>: called when a <see cref="TimeoutBlockingWaitStrategy"/>
/// wakes with nothing to process (timers, heartbeats, idle flushes).
/// </summary>
public interface ITimeoutHandler
{
    /// <param name="sequence">The last sequence the handler processed.</param>
    void OnTimeout(long sequence);
}
