using LowLatency.Disruptor.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Disruptor.Dsl;

/// <summary>
/// Builds a consumer graph on one ring (<c>HandleEventsWith(a).Then(b, c)</c>), runs each stage on a
/// dedicated named thread (optionally pinned to a CPU), and stops it either at once (<see cref="Halt"/>) or
/// after draining what was published (<see cref="Shutdown"/>).
/// </summary>
public sealed partial class Disruptor<T> : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(30);

    private readonly List<ConsumerInfo> _consumers = [];
    private readonly ILogger _logger;
    private int _started;

    public Disruptor(RingBuffer<T> ringBuffer, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(ringBuffer);
        RingBuffer = ringBuffer;
        _logger = logger ?? NullLogger.Instance;
        DefaultExceptionHandler = new LogAndContinueExceptionHandler(_logger);
    }

    public Disruptor(Func<T>? factory, int bufferSize, ProducerType producerType = ProducerType.Single, IWaitStrategy? waitStrategy = null, ILogger? logger = null)
        : this(RingBuffer<T>.Create(producerType, factory, bufferSize, waitStrategy), logger)
    {
    }

    public RingBuffer<T> RingBuffer { get; }

    /// <summary>The failure policy of stages whose <see cref="ProcessorOptions"/> name none.</summary>
    public IExceptionHandler DefaultExceptionHandler { get; set; }

    public IReadOnlyList<IEventProcessor> Processors => _consumers.ConvertAll(c => (IEventProcessor)c.Processor);

    /// <summary>True while some stage has not yet processed everything up to the cursor.</summary>
    public bool HasBacklog
    {
        get
        {
            var cursor = RingBuffer.Cursor;
            foreach (var consumer in _consumers)
            {
                if (consumer.Processor.Sequence.Value < cursor)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>First stages: each handler reads straight from the producers, in parallel with the others.</summary>
    public EventHandlerGroup<T> HandleEventsWith(params IEventHandler<T>[] handlers) =>
        CreateProcessors([], [.. handlers.Select(h => (h, ProcessorOptions.Default))]);

    /// <summary>A first stage with its own thread options.</summary>
    public EventHandlerGroup<T> HandleEventsWith(IEventHandler<T> handler, ProcessorOptions options) =>
        CreateProcessors([], [(handler, options)]);

    /// <summary>The group of stages already set up for <paramref name="handlers"/>, to chain after them.</summary>
    public EventHandlerGroup<T> After(params IEventHandler<T>[] handlers)
    {
        var sequences = handlers.Select(h => FindConsumer(h).Processor.Sequence).ToArray();
        return new EventHandlerGroup<T>(this, sequences);
    }

    /// <summary>The processor running <paramref name="handler"/>.</summary>
    public IEventProcessor GetProcessorFor(IEventHandler<T> handler) => FindConsumer(handler).Processor;

    /// <summary>Starts every stage on its own thread and returns once all are running.</summary>
    public RingBuffer<T> Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The disruptor has already been started.");
        }

        foreach (var consumer in _consumers)
        {
            var thread = new Thread(() => RunConsumer(consumer))
            {
                Name = consumer.Processor.Name,
                IsBackground = true,
            };
            consumer.Thread = thread;
            thread.Start();
        }

        foreach (var consumer in _consumers)
        {
            if (!consumer.Processor.WaitUntilStarted(StartTimeout))
            {
                throw new TimeoutException($"Processor {consumer.Processor.Name} did not start within {StartTimeout}.");
            }
        }

        return RingBuffer;
    }

    /// <summary>Stops every stage after the entry in hand, without draining, and joins their threads.</summary>
    /// <returns>False if a thread did not finish in time (a handler stuck in a call).</returns>
    public bool Halt()
    {
        foreach (var consumer in _consumers)
        {
            consumer.Processor.Halt();
        }

        var joined = true;
        foreach (var consumer in _consumers)
        {
            if (consumer.Thread is { } thread && thread != Thread.CurrentThread && !thread.Join(JoinTimeout))
            {
                LogJoinTimeout(_logger, consumer.Processor.Name);
                joined = false;
            }
        }

        return joined;
    }

    /// <summary>
    /// Waits until every stage has processed everything published so far, then halts. Stop producers first:
    /// an entry claimed but never published can never drain.
    /// </summary>
    /// <returns>True if the backlog drained within <paramref name="timeout"/>; the stages are halted either way.</returns>
    public bool Shutdown(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var spin = default(SpinWait);
        var drained = true;
        while (HasBacklog)
        {
            if (Environment.TickCount64 >= deadline)
            {
                LogDrainTimeout(_logger, timeout);
                drained = false;
                break;
            }

            spin.SpinOnce();
        }

        return Halt() && drained;
    }

    public void Dispose() => Halt();

    internal EventHandlerGroup<T> CreateProcessors(Sequence[] barrierSequences, (IEventHandler<T> Handler, ProcessorOptions Options)[] handlers)
    {
        if (Volatile.Read(ref _started) != 0)
        {
            throw new InvalidOperationException("Stages must be added before the disruptor starts.");
        }

        var created = new Sequence[handlers.Length];
        for (var i = 0; i < handlers.Length; i++)
        {
            var (handler, options) = handlers[i];
            ArgumentNullException.ThrowIfNull(handler);
            ArgumentNullException.ThrowIfNull(options);
            if (_consumers.Exists(c => ReferenceEquals(c.Handler, handler)))
            {
                throw new ArgumentException($"Handler {handler} is already part of this disruptor.", nameof(handlers));
            }

            var barrier = RingBuffer.NewBarrier(options.WaitStrategy, barrierSequences);
            var name = options.Name ?? $"{handler.GetType().Name}-{_consumers.Count}";
            var processor = new BatchEventProcessor<T>(
                RingBuffer, barrier, handler, options.ExceptionHandler ?? DefaultExceptionHandler, name, options.MaxBatchSize);
            _consumers.Add(new ConsumerInfo(handler, processor, options));
            created[i] = processor.Sequence;
        }

        // Producers are gated by the ends of the chains only: upstream stages gate through them.
        RingBuffer.AddGatingSequences(created);
        foreach (var upstream in barrierSequences)
        {
            RingBuffer.RemoveGatingSequence(upstream);
        }

        return new EventHandlerGroup<T>(this, created);
    }

    private void RunConsumer(ConsumerInfo consumer)
    {
        if (consumer.Options.Cpu is { } cpu)
        {
            var result = ThreadAffinity.PinCurrentThread(cpu);
            LogAffinity(_logger, consumer.Processor.Name, cpu, result);
        }

        consumer.Processor.Run();
    }

    private ConsumerInfo FindConsumer(IEventHandler<T> handler) =>
        _consumers.Find(c => ReferenceEquals(c.Handler, handler))
        ?? throw new ArgumentException($"Handler {handler} is not part of this disruptor.", nameof(handler));

    [LoggerMessage(Level = LogLevel.Information, Message = "Thread {Thread}: affinity to CPU {Cpu}: {Result}")]
    private static partial void LogAffinity(ILogger logger, string thread, int cpu, AffinityResult result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Thread {Thread} did not stop in time")]
    private static partial void LogJoinTimeout(ILogger logger, string thread);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown: the backlog did not drain within {Timeout}; halting anyway")]
    private static partial void LogDrainTimeout(ILogger logger, TimeSpan timeout);

    private sealed class ConsumerInfo(IEventHandler<T> handler, BatchEventProcessor<T> processor, ProcessorOptions options)
    {
        public IEventHandler<T> Handler { get; } = handler;

        public BatchEventProcessor<T> Processor { get; } = processor;

        public ProcessorOptions Options { get; } = options;

        public Thread? Thread { get; set; }
    }
}
