using LowLatency.Disruptor.Dsl;
using LowLatency.Disruptor.Tests.Support;

namespace LowLatency.Disruptor.Tests;

[TestFixture]
public sealed class LifecycleTests
{
    [Test]
    public void Shutdown_drains_everything_published_before_halting()
    {
        const long count = 100_000;
        var slow = new RecordingHandler<ValueEvent>(count, e => e.Value);
        var lifecycle = new LifecycleProbe();
        using var disruptor = new Disruptor<ValueEvent>(null, 1024, ProducerType.Single, new BlockingWaitStrategy());
        disruptor.HandleEventsWith(slow).Then(lifecycle);
        var ring = disruptor.Start();
        Assert.That(lifecycle.Started, Is.True);
        Publish.Values(ring, count);
        Assert.That(disruptor.Shutdown(Bounded.Timeout), Is.True);
        Assert.That(slow.Count, Is.EqualTo(count), "nothing published is lost on shutdown");
        Assert.That(lifecycle.Count, Is.EqualTo(count));
        Assert.That(lifecycle.ShutDown, Is.True);
        Assert.That(disruptor.Processors.All(p => !p.IsRunning), Is.True);
        Assert.That(disruptor.HasBacklog, Is.False);
    }

    [TestCaseSource(typeof(WaitStrategyTests), nameof(WaitStrategyTests.Strategies))]
    public void Halt_wakes_an_idle_consumer_for_every_wait_strategy(string strategyName)
    {
        var lifecycle = new LifecycleProbe();
        using var disruptor = new Disruptor<ValueEvent>(null, 64, ProducerType.Single, WaitStrategyFactory.Create(strategyName));
        disruptor.HandleEventsWith(lifecycle);
        disruptor.Start();
        Bounded.Run(() => Assert.That(disruptor.Halt(), Is.True), "halt of an idle consumer");
        Assert.That(lifecycle.ShutDown, Is.True);
    }

    [Test]
    public void Max_batch_size_bounds_each_batch_and_marks_its_end()
    {
        const long count = 1000;
        var batches = new BatchProbe();
        using var disruptor = new Disruptor<ValueEvent>(null, 1024);
        disruptor.HandleEventsWith(batches, new ProcessorOptions { MaxBatchSize = 64, Name = "batcher" });

        // Publish everything before the consumer starts so it sees one large run it must split.
        Publish.Values(disruptor.RingBuffer, count);
        disruptor.Start();
        Bounded.Until(() => disruptor.GetProcessorFor(batches).Sequence.Value == count - 1, "all processed");
        disruptor.Halt();

        Assert.That(batches.Sizes.Sum(), Is.EqualTo(count));
        Assert.That(batches.Sizes, Is.All.LessThanOrEqualTo(64));
        Assert.That(batches.EndsOfBatch, Is.EqualTo(batches.Sizes.Count), "exactly one endOfBatch per batch");
        Assert.That(batches.EndOfBatchAtBatchEnd, Is.True);
        Assert.That(disruptor.GetProcessorFor(batches).Name, Is.EqualTo("batcher"));
    }

    private sealed class LifecycleProbe : IEventHandler<ValueEvent>, ILifecycleHandler
    {
        private long _count;

        public bool Started { get; private set; }

        public bool ShutDown { get; private set; }

        public long Count => Volatile.Read(ref _count);

        public void OnEvent(ref ValueEvent entry, long sequence, bool endOfBatch) => Volatile.Write(ref _count, _count + 1);

        public void OnStart() => Started = true;

        public void OnShutdown() => ShutDown = true;
    }

    private sealed class BatchProbe : IEventHandler<ValueEvent>, IBatchStartHandler
    {
        private long _remaining;

        public List<long> Sizes { get; } = [];

        public int EndsOfBatch { get; private set; }

        public bool EndOfBatchAtBatchEnd { get; private set; } = true;

        public void OnBatchStart(long batchSize)
        {
            Sizes.Add(batchSize);
            _remaining = batchSize;
        }

        public void OnEvent(ref ValueEvent entry, long sequence, bool endOfBatch)
        {
            _remaining--;
            if (endOfBatch)
            {
                EndsOfBatch++;
            }

            if (endOfBatch != (_remaining == 0))
            {
                EndOfBatchAtBatchEnd = false;
            }
        }
    }
}
