using LowLatency.Disruptor;
using LowLatency.Engine.Host.Pipeline;

namespace LowLatency.Engine.Host.Tests;

[TestFixture]
public sealed class SyntheticFeedTests
{
    [Test]
    public void Stop_returns_even_when_a_stalled_consumer_has_filled_the_ring()
    {
        var ring = RingBuffer<HostEvent>.CreateMultiProducer(null, 64);
        var stalled = new Sequence(); // a consumer that never advances
        ring.AddGatingSequences(stalled);
        var feed = new SyntheticFeed(ring, eventsPerSecond: 1_000_000);
        feed.Start();

        var deadline = Environment.TickCount64 + 60_000;
        var spin = default(SpinWait);
        while (ring.RemainingCapacity() > 0)
        {
            Assert.That(Environment.TickCount64, Is.LessThan(deadline), "the feed never filled the ring");
            spin.SpinOnce();
        }

        var stop = Task.Factory.StartNew(feed.Stop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.That(stop.Wait(TimeSpan.FromSeconds(60)), Is.True, "Stop() hung on a full ring");
        Assert.That(feed.Published, Is.EqualTo(64), "exactly the ring's capacity was published, nothing overwritten");
        Assert.That(ring.Cursor, Is.EqualTo(63));
    }

    [Test]
    public void Publishes_in_order_with_timestamps()
    {
        var ring = RingBuffer<HostEvent>.CreateMultiProducer(null, 1024);
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);
        var feed = new SyntheticFeed(ring, eventsPerSecond: 100_000);
        feed.Start();
        var deadline = Environment.TickCount64 + 60_000;
        var spin = default(SpinWait);
        while (ring.Cursor < 99)
        {
            Assert.That(Environment.TickCount64, Is.LessThan(deadline), "nothing published");
            spin.SpinOnce();
        }

        feed.Stop();
        for (long s = 0; s < 100; s++)
        {
            Assert.That(ring[s].Value, Is.EqualTo(s));
            Assert.That(ring[s].PublishedTicks, Is.Positive);
        }
    }
}
