using LowLatency.Disruptor.Dsl;
using LowLatency.Disruptor.Tests.Support;

namespace LowLatency.Disruptor.Tests;

[TestFixture]
public sealed class WaitStrategyTests
{
    public static readonly string[] Strategies = ["busy-spin", "yielding", "sleeping", "blocking", "timeout-blocking:5"];

    [TestCaseSource(nameof(Strategies))]
    public void Every_strategy_delivers_all_events_through_a_two_stage_pipeline(string name)
    {
        const long count = 200_000;
        var first = new RecordingHandler<ValueEvent>(count, e => e.Value);
        var second = new RecordingHandler<ValueEvent>(count, e => e.Value);
        using var disruptor = new Disruptor<ValueEvent>(null, 256, ProducerType.Single, WaitStrategyFactory.Create(name));
        disruptor.HandleEventsWith(first).Then(second);
        var ring = disruptor.Start();
        Publish.ValuesBounded(ring, count);
        Bounded.Wait(second.Done, "second stage");
        Assert.That(disruptor.Shutdown(Bounded.Timeout), Is.True);
        for (var i = 0; i < count; i++)
        {
            if (second.Values[i] != i || first.Values[i] != i)
            {
                Assert.Fail($"out of order at {i}");
            }
        }
    }

    [Test]
    public void Stages_can_use_different_strategies_on_one_ring()
    {
        const long count = 50_000;
        var spinning = new RecordingHandler<ValueEvent>(count, e => e.Value);
        var blocking = new RecordingHandler<ValueEvent>(count, e => e.Value);
        using var disruptor = new Disruptor<ValueEvent>(null, 256, ProducerType.Single, new YieldingWaitStrategy());
        disruptor.HandleEventsWith(spinning).Then(blocking, new ProcessorOptions { WaitStrategy = new BlockingWaitStrategy() });
        Publish.Values(disruptor.Start(), count);
        Bounded.Wait(blocking.Done, "blocking stage");
        Assert.That(disruptor.Shutdown(Bounded.Timeout), Is.True);
        Assert.That(blocking.Values[^1], Is.EqualTo(count - 1));
    }

    [Test]
    public void Timeout_strategy_calls_the_timeout_handler_when_idle_then_resumes()
    {
        var handler = new TimeoutProbe();
        using var disruptor = new Disruptor<ValueEvent>(null, 64, ProducerType.Single, new TimeoutBlockingWaitStrategy(TimeSpan.FromMilliseconds(2)));
        disruptor.HandleEventsWith(handler);
        var ring = disruptor.Start();
        Bounded.Wait(handler.FirstTimeout, "an idle timeout");
        Assert.That(handler.LastTimeoutSequence, Is.EqualTo(-1));

        ring.Publish(ring.Next());
        Bounded.Until(() => handler.Events == 1, "the event after the timeout");
        Bounded.Until(() => handler.LastTimeoutSequence == 0, "a timeout reporting the processed sequence");
        Assert.That(disruptor.Shutdown(Bounded.Timeout), Is.True);
    }

    [Test]
    public void Factory_accepts_every_documented_name_and_rejects_others()
    {
        Assert.Multiple(() =>
        {
            Assert.That(WaitStrategyFactory.Create("busy-spin"), Is.TypeOf<BusySpinWaitStrategy>());
            Assert.That(WaitStrategyFactory.Create(" Yielding "), Is.TypeOf<YieldingWaitStrategy>());
            Assert.That(WaitStrategyFactory.Create("sleeping"), Is.TypeOf<SleepingWaitStrategy>());
            Assert.That(WaitStrategyFactory.Create("blocking"), Is.TypeOf<BlockingWaitStrategy>());
            var timeout = WaitStrategyFactory.Create("timeout-blocking:50");
            Assert.That(((TimeoutBlockingWaitStrategy)timeout).Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(50)));
            var error = Assert.Throws<ArgumentException>(() => WaitStrategyFactory.Create("spinny"));
            Assert.That(error!.Message, Does.Contain("spinny").And.Contain("busy-spin"));
            Assert.Throws<ArgumentException>(() => WaitStrategyFactory.Create("timeout-blocking:-3"));
            Assert.Throws<ArgumentException>(() => WaitStrategyFactory.Create("timeout-blocking:NaN"));
        });
    }

    private sealed class TimeoutProbe : IEventHandler<ValueEvent>, ITimeoutHandler
    {
        private readonly TaskCompletionSource _firstTimeout = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _events;
        private long _lastTimeoutSequence = long.MinValue;

        public Task FirstTimeout => _firstTimeout.Task;

        public long Events => Volatile.Read(ref _events);

        public long LastTimeoutSequence => Volatile.Read(ref _lastTimeoutSequence);

        public void OnEvent(ref ValueEvent entry, long sequence, bool endOfBatch) => Interlocked.Increment(ref _events);

        public void OnTimeout(long sequence)
        {
            Volatile.Write(ref _lastTimeoutSequence, sequence);
            _firstTimeout.TrySetResult();
        }
    }
}
