using LowLatency.Disruptor.Dsl;
using LowLatency.Disruptor.Tests.Support;

namespace LowLatency.Disruptor.Tests;

/// <summary>Millions of events: none lost, duplicated or reordered per producer.</summary>
[TestFixture]
public sealed class ProducerOrderingTests
{
    [Test]
    public void Single_producer_delivers_every_sequence_once_in_order()
    {
        const long count = 5_000_000;
        var checker = new PerProducerOrderChecker(1, count);
        using var disruptor = new Disruptor<ValueEvent>(null, 1024, ProducerType.Single, new YieldingWaitStrategy());
        disruptor.HandleEventsWith(checker);
        var ring = disruptor.Start();

        Publish.ValuesBounded(ring, count);
        Bounded.Wait(checker.Done, "consumer received every event");
        Assert.That(disruptor.Shutdown(Bounded.Timeout), Is.True);
        checker.AssertComplete();
    }

    [TestCase(2, 1_000_000, 1)]
    [TestCase(4, 500_000, 1)]
    [TestCase(3, 300_000, 4)]
    public void Multiple_producers_lose_nothing_and_keep_each_producers_order(int producers, int perProducer, int batch)
    {
        var checker = new PerProducerOrderChecker(producers, (long)producers * perProducer);
        using var disruptor = new Disruptor<ValueEvent>(null, 1024, ProducerType.Multi, new YieldingWaitStrategy());
        disruptor.HandleEventsWith(checker);
        var ring = disruptor.Start();

        var tasks = Enumerable.Range(0, producers).Select(p => Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < perProducer; i += batch)
                {
                    var hi = ring.Next(batch);
                    var lo = hi - batch + 1;
                    for (var s = lo; s <= hi; s++)
                    {
                        ring[s].Value = i + (s - lo);
                        ring[s].Producer = p;
                    }

                    ring.Publish(lo, hi);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();

        Bounded.Wait(Task.WhenAll(tasks), "producers");
        Bounded.Wait(checker.Done, "consumer received every event");
        Assert.That(disruptor.Shutdown(Bounded.Timeout), Is.True);
        checker.AssertComplete();
    }

    private sealed class PerProducerOrderChecker(int producers, long expected) : IEventHandler<ValueEvent>
    {
        private readonly long[] _next = new long[producers];
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _received;
        private long _lastSequence = -1;
        private string? _error;

        public Task Done => _done.Task;

        public void OnEvent(ref ValueEvent entry, long sequence, bool endOfBatch)
        {
            if (_error is null)
            {
                if (sequence != _lastSequence + 1)
                {
                    _error = $"sequence {sequence} after {_lastSequence}";
                }
                else if (entry.Value != _next[entry.Producer])
                {
                    _error = $"producer {entry.Producer}: got {entry.Value}, expected {_next[entry.Producer]}";
                }
            }

            _lastSequence = sequence;
            _next[entry.Producer] = entry.Value + 1;
            if (++_received == expected || _error is not null)
            {
                _done.TrySetResult();
            }
        }

        public void AssertComplete()
        {
            Assert.That(_error, Is.Null);
            Assert.That(_received, Is.EqualTo(expected));
            Assert.That(_next, Is.All.EqualTo(expected / producers));
        }
    }
}
