using LowLatency.Disruptor;
using LowLatency.Disruptor.Dsl;

namespace LowLatency.Benchmarks.Workloads;

/// <summary>One producer → three chained stages on one ring (a → b → c), value entries.</summary>
public sealed class RingPipeline : IThroughputWorkload
{
    private readonly Disruptor<PipelineEntry> _disruptor;
    private readonly RingBuffer<PipelineEntry> _ring;
    private readonly StageThree _last = new();
    private long _next;

    public RingPipeline(Func<IWaitStrategy> waitStrategy, int bufferSize = 1 << 16)
    {
        _disruptor = new Disruptor<PipelineEntry>(null, bufferSize, ProducerType.Single, waitStrategy());
        _disruptor
            .HandleEventsWith(new StageOne(), new ProcessorOptions { Name = "bench-stage-1", WaitStrategy = waitStrategy() })
            .Then(new StageTwo(), new ProcessorOptions { Name = "bench-stage-2", WaitStrategy = waitStrategy() })
            .Then(_last, new ProcessorOptions { Name = "bench-stage-3", WaitStrategy = waitStrategy() });
        _ring = _disruptor.Start();
    }

    public long Checksum => _last.Sum;

    public void Run(long events)
    {
        var ring = _ring;
        var end = _next + events;
        for (var value = _next; value < end; value++)
        {
            var sequence = ring.Next();
            ring[sequence].Value = value;
            ring.Publish(sequence);
        }

        _next = end;
        _last.Progress.WaitFor(end);
    }

    public void Dispose() => _disruptor.Halt();

    private sealed class StageOne : IEventHandler<PipelineEntry>
    {
        public void OnEvent(ref PipelineEntry entry, long sequence, bool endOfBatch) => entry.StageOne = entry.Value * 3;
    }

    private sealed class StageTwo : IEventHandler<PipelineEntry>
    {
        public void OnEvent(ref PipelineEntry entry, long sequence, bool endOfBatch) => entry.StageTwo = entry.StageOne + 7;
    }

    private sealed class StageThree : IEventHandler<PipelineEntry>
    {
        public Progress Progress { get; } = new();

        public long Sum { get; private set; }

        public void OnEvent(ref PipelineEntry entry, long sequence, bool endOfBatch)
        {
            Sum += entry.StageTwo;
            if (endOfBatch)
            {
                Progress.Set(sequence + 1);
            }
        }
    }
}
