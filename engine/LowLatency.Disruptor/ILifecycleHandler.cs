namespace LowLatency.Disruptor;

/// <summary>Optional for an <see cref="IEventHandler{T}"/>: called on the stage's thread when it starts and stops.</summary>
public interface ILifecycleHandler
{
    void OnStart();

    void OnShutdown();
}
