namespace LowLatency.Disruptor.Dsl;

/// <summary>
/// Several stages sharing one thread: each entry passes through every handler in order before the next entry
/// is taken. Lifecycle and batch-start notifications are forwarded to the handlers that want them.
/// </summary>
public sealed class SequentialEventHandler<T> : IEventHandler<T>, ILifecycleHandler, IBatchStartHandler
{
    private readonly IEventHandler<T>[] _handlers;

    public SequentialEventHandler(params IEventHandler<T>[] handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        if (handlers.Length == 0)
        {
            throw new ArgumentException("At least one handler is needed.", nameof(handlers));
        }

        _handlers = [.. handlers];
    }

    public IReadOnlyList<IEventHandler<T>> Handlers => _handlers;

    public void OnEvent(ref T entry, long sequence, bool endOfBatch)
    {
        foreach (var handler in _handlers)
        {
            handler.OnEvent(ref entry, sequence, endOfBatch);
        }
    }

    public void OnStart()
    {
        foreach (var handler in _handlers)
        {
            (handler as ILifecycleHandler)?.OnStart();
        }
    }

    public void OnShutdown()
    {
        foreach (var handler in _handlers)
        {
            (handler as ILifecycleHandler)?.OnShutdown();
        }
    }

    public void OnBatchStart(long batchSize)
    {
        foreach (var handler in _handlers)
        {
            (handler as IBatchStartHandler)?.OnBatchStart(batchSize);
        }
    }
}
