using System.Collections.Concurrent;
using LowLatency.Disruptor.Threading;

namespace LowLatency.Disruptor.Tests;

[TestFixture]
[CancelAfter(60_000)]
public sealed class SpinThenParkSignalTests
{
    [TestCase(0)]
    [TestCase(50)]
    [TestCase(100_000)]
    public void Every_item_is_seen_whether_the_consumer_spins_or_parks(int spinUs)
    {
        // A fixed number of hand-offs with the producer sometimes pausing (so the consumer parks): none may be
        // stranded in the queue, which would leave the consumer parked with work waiting.
        const int items = 20_000;
        using var signal = new SpinThenParkSignal(TimeSpan.FromMicroseconds(spinUs));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        var queue = new ConcurrentQueue<int>();
        var seen = 0;
        var consumer = new Thread(() =>
        {
            while (seen < items)
            {
                signal.Wait(stop.Token);
                while (queue.TryDequeue(out _))
                {
                    seen++;
                }
            }
        });
        consumer.Start();
        for (var i = 0; i < items; i++)
        {
            queue.Enqueue(i);
            signal.Signal();
            if (i % 1000 == 0)
            {
                Thread.Sleep(1); // long enough for a short spin to end in a park
            }
        }

        Assert.That(consumer.Join(TimeSpan.FromSeconds(50)), Is.True, $"the consumer stalled after {Volatile.Read(ref seen)} of {items}");
        Assert.That(seen, Is.EqualTo(items));
    }

    [Test]
    public void A_parked_consumer_is_released_by_cancellation()
    {
        using var signal = new SpinThenParkSignal(TimeSpan.Zero);
        using var stop = new CancellationTokenSource();
        var waiter = Task.Run(() => signal.Wait(stop.Token));
        stop.Cancel();
        Assert.That(() => waiter.Wait(TimeSpan.FromSeconds(10)), Throws.InstanceOf<AggregateException>().With.InnerException.InstanceOf<OperationCanceledException>());
    }
}
