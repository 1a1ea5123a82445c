using LowLatency.Disruptor;
using LowLatency.Disruptor.Dsl;

namespace LowLatency.Benchmarks.Workloads;

/// <summary>One producer → one consumer on our ring, publishing one event per claim or <c>batch</c> per claim.</summary>
public sealed class RingOneToOne<T, TAccess> : IThroughputWorkload
    where TAccess : struct, IEntryAccess<T>
{
    private readonly Disruptor<T> _disruptor;
    private readonly RingBuffer<T> _ring;
    private readonly SummingHandler _handler = new();
    private readonly int _batch;
    private long _next;

    public RingOneToOne(Func<T>? factory, IWaitStrategy waitStrategy, int batch = 1, int bufferSize = 1 << 16)
    {
        _batch = batch;
        _disruptor = new Disruptor<T>(factory, bufferSize, ProducerType.Single, waitStrategy);
        _disruptor.HandleEventsWith(_handler, new ProcessorOptions { Name = "bench-consumer" });
        _ring = _disruptor.Start();
    }

    public long Checksum => _handler.Sum;

    public void Run(long events)
    {
        var ring = _ring;
        var access = default(TAccess);
        var value = _next;
        var end = value + events;
        if (_batch == 1)
        {
            while (value < end)
            {
                var sequence = ring.Next();
                access.Set(ref ring[sequence], value++);
                ring.Publish(sequence);
            }
        }
        else
        {
            while (value < end)
            {
                var n = (int)Math.Min(_batch, end - value);
                var hi = ring.Next(n);
                for (var sequence = hi - n + 1; sequence <= hi; sequence++)
                {
                    access.Set(ref ring[sequence], value++);
                }

                ring.Publish(hi - n + 1, hi);
            }
        }

        _next = end;
        _handler.Progress.WaitFor(end);
    }

    public void Dispose() => _disruptor.Halt();

    private sealed class SummingHandler : IEventHandler<T>
    {
        public Progress Progress { get; } = new();

        public long Sum { get; private set; }

        public void OnEvent(ref T entry, long sequence, bool endOfBatch)
        {
            Sum += default(TAccess).Get(ref entry);
            if (endOfBatch)
            {
                // Progress is published once per batch, as a real stage would.
                Progress.Set(sequence + 1);
            }
        }
    }
}
