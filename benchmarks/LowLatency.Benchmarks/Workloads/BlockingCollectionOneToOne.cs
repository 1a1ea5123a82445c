using System.Collections.Concurrent;

namespace LowLatency.Benchmarks.Workloads;

/// <summary>One producer → one consumer thread through a bounded <see cref="BlockingCollection{T}"/>.</summary>
public sealed class BlockingCollectionOneToOne : IThroughputWorkload
{
    private readonly BlockingCollection<long> _queue;
    private readonly Progress _progress = new();
    private readonly Thread _consumer;
    private long _sum;
    private long _next;

    public BlockingCollectionOneToOne(int capacity = 1 << 16)
    {
        _queue = new BlockingCollection<long>(new ConcurrentQueue<long>(), capacity);
        _consumer = new Thread(Consume) { IsBackground = true, Name = "bench-bc-consumer" };
        _consumer.Start();
    }

    public long Checksum => Volatile.Read(ref _sum);

    public void Run(long events)
    {
        var end = _next + events;
        for (var value = _next; value < end; value++)
        {
            _queue.Add(value);
        }

        _next = end;
        _progress.WaitFor(end);
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _consumer.Join(TimeSpan.FromSeconds(10));
        _queue.Dispose();
    }

    private void Consume()
    {
        long count = 0;
        long sum = 0;
        foreach (var value in _queue.GetConsumingEnumerable())
        {
            sum += value;
            Volatile.Write(ref _sum, sum);
            _progress.Set(++count);
        }
    }
}
