using System.Collections.Concurrent;

namespace LowLatency.Benchmarks.Workloads;

/// <summary>One producer → three stage threads joined by bounded blocking collections.</summary>
public sealed class BlockingCollectionPipeline : IThroughputWorkload
{
    private readonly BlockingCollection<long>[] _queues;
    private readonly Thread[] _stages;
    private readonly Progress _progress = new();
    private long _sum;
    private long _next;

    public BlockingCollectionPipeline(int capacity = 1 << 16)
    {
        _queues = [.. Enumerable.Range(0, 3).Select(_ => new BlockingCollection<long>(new ConcurrentQueue<long>(), capacity))];
        _stages =
        [
            new Thread(() => Forward(_queues[0], _queues[1], v => v * 3)),
            new Thread(() => Forward(_queues[1], _queues[2], v => v + 7)),
            new Thread(Consume),
        ];
        foreach (var stage in _stages)
        {
            stage.IsBackground = true;
            stage.Start();
        }
    }

    public long Checksum => Volatile.Read(ref _sum);

    public void Run(long events)
    {
        var end = _next + events;
        for (var value = _next; value < end; value++)
        {
            _queues[0].Add(value);
        }

        _next = end;
        _progress.WaitFor(end);
    }

    public void Dispose()
    {
        _queues[0].CompleteAdding();
        foreach (var stage in _stages)
        {
            stage.Join(TimeSpan.FromSeconds(10));
        }

        foreach (var queue in _queues)
        {
            queue.Dispose();
        }
    }

    private static void Forward(BlockingCollection<long> from, BlockingCollection<long> to, Func<long, long> work)
    {
        foreach (var value in from.GetConsumingEnumerable())
        {
            to.Add(work(value));
        }

        to.CompleteAdding();
    }

    private void Consume()
    {
        long count = 0;
        long sum = 0;
        foreach (var value in _queues[2].GetConsumingEnumerable())
        {
            sum += value;
            Volatile.Write(ref _sum, sum);
            _progress.Set(++count);
        }
    }
}
