namespace LowLatency.Disruptor;

/// <summary>
/// Runs one <see cref="IEventHandler{T}"/> over a ring: waits on its barrier, hands every available entry to
/// the handler in one batch (bounded by a maximum batch size), then publishes its progress once per batch.
/// </summary>
public sealed class BatchEventProcessor<T> : IEventProcessor
{
    private const int Idle = 0;
    private const int Running = 1;
    private const int Halted = 2;

    private readonly RingBuffer<T> _ringBuffer;
    private readonly SequenceBarrier _barrier;
    private readonly IEventHandler<T> _handler;
    private readonly IBatchStartHandler? _batchStartHandler;
    private readonly ITimeoutHandler? _timeoutHandler;
    private readonly ILifecycleHandler? _lifecycleHandler;
    private readonly IExceptionHandler _exceptionHandler;
    private readonly long _maxBatchSize;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;
    private Exception? _fault;

    public BatchEventProcessor(
        RingBuffer<T> ringBuffer,
        SequenceBarrier barrier,
        IEventHandler<T> handler,
        IExceptionHandler exceptionHandler,
        string name,
        int maxBatchSize = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(ringBuffer);
        ArgumentNullException.ThrowIfNull(barrier);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(exceptionHandler);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        _ringBuffer = ringBuffer;
        _barrier = barrier;
        _handler = handler;
        _batchStartHandler = handler as IBatchStartHandler;
        _timeoutHandler = handler as ITimeoutHandler;
        _lifecycleHandler = handler as ILifecycleHandler;
        _exceptionHandler = exceptionHandler;
        _maxBatchSize = maxBatchSize;
        Name = name;
    }

    public string Name { get; }

    public Sequence Sequence { get; } = new();

    public SequenceBarrier Barrier => _barrier;

    public bool IsRunning => Volatile.Read(ref _state) == Running;

    public Exception? Fault => Volatile.Read(ref _fault);

    public void Halt()
    {
        Volatile.Write(ref _state, Halted);
        _barrier.Alert();
    }

    public bool WaitUntilStarted(TimeSpan timeout) => _started.Task.Wait(timeout);

    public void Run()
    {
        var previous = Interlocked.CompareExchange(ref _state, Running, Idle);
        if (previous == Running)
        {
            throw new InvalidOperationException($"Processor {Name} is already running.");
        }

        if (previous == Halted)
        {
            // Halted before its thread got going: nothing to do, but honour the lifecycle contract.
            _started.TrySetResult();
            return;
        }

        _barrier.ClearAlert();
        NotifyStart();
        _started.TrySetResult();
        try
        {
            if (Volatile.Read(ref _state) == Running)
            {
                ProcessEvents();
            }
        }
        finally
        {
            NotifyShutdown();
            Interlocked.CompareExchange(ref _state, Idle, Halted);
        }
    }

    private void ProcessEvents()
    {
        var nextSequence = Sequence.Value + 1;
        while (true)
        {
            try
            {
                var availableSequence = _barrier.WaitFor(nextSequence);
                if (availableSequence == SequenceBarrier.TimedOut)
                {
                    _timeoutHandler?.OnTimeout(Sequence.Value);
                    continue;
                }

                if (availableSequence < nextSequence)
                {
                    continue;
                }

                var endOfBatch = availableSequence - nextSequence >= _maxBatchSize
                    ? nextSequence + _maxBatchSize - 1
                    : availableSequence;
                _batchStartHandler?.OnBatchStart(endOfBatch - nextSequence + 1);
                while (nextSequence <= endOfBatch)
                {
                    _handler.OnEvent(ref _ringBuffer[nextSequence], nextSequence, nextSequence == endOfBatch);
                    nextSequence++;
                }

                Sequence.SetValue(endOfBatch);
            }
            catch (AlertException)
            {
                if (Volatile.Read(ref _state) != Running)
                {
                    return;
                }
            }
            catch (Exception exception)
            {
                if (_exceptionHandler.OnEventException(exception, nextSequence, Name) == ExceptionDecision.Halt)
                {
                    Volatile.Write(ref _fault, exception);
                    Volatile.Write(ref _state, Halted);
                    return;
                }

                Sequence.SetValue(nextSequence);
                nextSequence++;
            }
        }
    }

    private void NotifyStart()
    {
        try
        {
            _lifecycleHandler?.OnStart();
        }
        catch (Exception exception)
        {
            _exceptionHandler.OnStartException(exception, Name);
        }
    }

    private void NotifyShutdown()
    {
        try
        {
            _lifecycleHandler?.OnShutdown();
        }
        catch (Exception exception)
        {
            _exceptionHandler.OnShutdownException(exception, Name);
        }
    }
}
