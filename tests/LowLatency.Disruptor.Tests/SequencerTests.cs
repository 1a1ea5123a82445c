using LowLatency.Disruptor.Tests.Support;

namespace LowLatency.Disruptor.Tests;

[TestFixture]
public sealed class SequencerTests
{
    [TestCase(ProducerType.Single)]
    [TestCase(ProducerType.Multi)]
    public void Claims_are_consecutive_and_published_in_order(ProducerType type)
    {
        var ring = RingBuffer<ValueEvent>.Create(type, null, 8);
        Assert.That(ring.Next(), Is.EqualTo(0));
        Assert.That(ring.Next(3), Is.EqualTo(3));
        ring.Publish(0);
        Assert.That(ring.Sequencer.IsAvailable(0), Is.True);
        Assert.That(ring.Sequencer.IsAvailable(1), Is.False);
        ring.Publish(1, 3);
        Assert.That(ring.Sequencer.IsAvailable(3), Is.True);
        Assert.That(ring.Sequencer.GetHighestPublishedSequence(0, 3), Is.EqualTo(3));
    }

    [TestCase(ProducerType.Single)]
    [TestCase(ProducerType.Multi)]
    public void TryNext_on_a_full_ring_fails_until_the_gating_consumer_moves(ProducerType type)
    {
        var ring = RingBuffer<ValueEvent>.Create(type, null, 4);
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);

        for (var i = 0; i < 4; i++)
        {
            Assert.That(ring.TryNext(out var s), Is.True);
            ring.Publish(s);
        }

        Assert.Multiple(() =>
        {
            Assert.That(ring.TryNext(out _), Is.False, "the ring is full");
            Assert.That(ring.HasAvailableCapacity(1), Is.False);
            Assert.That(ring.RemainingCapacity(), Is.Zero);
        });

        consumer.SetValue(1);
        Assert.That(ring.RemainingCapacity(), Is.EqualTo(2));
        Assert.That(ring.TryNext(2, out var hi), Is.True);
        Assert.That(hi, Is.EqualTo(5));
        Assert.That(ring.TryNext(out _), Is.False);
    }

    [TestCase(ProducerType.Single)]
    [TestCase(ProducerType.Multi)]
    public void A_producer_never_overwrites_an_entry_the_consumer_has_not_processed(ProducerType type)
    {
        var ring = RingBuffer<ValueEvent>.Create(type, null, 4);
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);
        for (var i = 0; i < 4; i++)
        {
            ring.Publish(ring.Next());
        }

        using var claimed = new ManualResetEventSlim();
        var producer = Task.Factory.StartNew(
            () =>
            {
                var s = ring.Next(); // must wait for the consumer
                claimed.Set();
                return s;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        // Not a timing assertion: the claim cannot complete while the consumer is at -1.
        Assert.That(claimed.Wait(TimeSpan.FromMilliseconds(200)), Is.False, "claimed a slot the consumer still owns");
        consumer.SetValue(0);
        Bounded.Wait(producer, "the claim after the consumer moved");
        Assert.That(producer.Result, Is.EqualTo(4));
    }

    [Test]
    public void Wraps_around_many_times_and_reuses_the_same_entries()
    {
        var ring = RingBuffer<LongEvent>.CreateSingleProducer(() => new LongEvent(), 8);
        var first = new HashSet<LongEvent>(ReferenceEqualityComparer.Instance);
        for (long i = 0; i < 8; i++)
        {
            first.Add(ring[i]);
        }

        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);
        for (long i = 0; i < 1000; i++)
        {
            var s = ring.Next();
            ring[s].Value = i;
            ring.Publish(s);
            Assert.That(ring[s].Value, Is.EqualTo(i));
            Assert.That(first, Does.Contain(ring[s]), "entries are pre-allocated and reused, never replaced");
            consumer.SetValue(s);
        }

        Assert.That(ring.Cursor, Is.EqualTo(999));
    }

    [Test]
    public void Value_entries_are_modified_in_place_by_ref()
    {
        var ring = RingBuffer<ValueEvent>.CreateSingleProducer(null, 4);
        var s = ring.Next();
        ref var entry = ref ring[s];
        entry.Value = 42;
        Assert.That(ring[s].Value, Is.EqualTo(42));
        Assert.That(ring[s + 4].Value, Is.EqualTo(42), "sequence s+4 maps to the same slot");
    }

    [Test]
    public void Rejects_bad_sizes_and_missing_factories()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => RingBuffer<ValueEvent>.CreateSingleProducer(null, 12));
            Assert.Throws<ArgumentOutOfRangeException>(() => RingBuffer<ValueEvent>.CreateMultiProducer(null, 0));
            Assert.Throws<ArgumentNullException>(() => RingBuffer<LongEvent>.CreateSingleProducer(null, 8));
            var ring = RingBuffer<ValueEvent>.CreateSingleProducer(null, 8);
            Assert.Throws<ArgumentOutOfRangeException>(() => ring.Next(9));
            Assert.Throws<ArgumentOutOfRangeException>(() => ring.TryNext(0, out _));
        });
    }

    [Test]
    public void Multi_producer_reports_only_the_contiguous_published_prefix()
    {
        var ring = RingBuffer<ValueEvent>.CreateMultiProducer(null, 8);
        var a = ring.Next();
        var b = ring.Next();
        ring.Publish(b);
        Assert.That(ring.Sequencer.GetHighestPublishedSequence(0, b), Is.EqualTo(-1), "0 is claimed but not published");
        ring.Publish(a);
        Assert.That(ring.Sequencer.GetHighestPublishedSequence(0, b), Is.EqualTo(1));
    }
}
