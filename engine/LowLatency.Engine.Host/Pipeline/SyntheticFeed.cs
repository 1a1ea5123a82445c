using System.Diagnostics;
using LowLatency.Disruptor;

namespace LowLatency.Engine.Host.Pipeline;

/// <summary>Publishes events at a steady rate from its own thread until stopped.</summary>
public sealed class SyntheticFeed(RingBuffer<HostEvent> ring, double eventsPerSecond)
{
    private volatile bool _stopping;
    private Thread? _running;
    private long _published;

    public long Published => Volatile.Read(ref _published);

    public void Start()
    {
        _running = new Thread(Publish) { IsBackground = true, Name = "ll-feed" };
        _running.Start();
    }

    public void Stop()
    {
        _stopping = true;
        _running?.Join();
    }

    private void Publish()
    {
        var started = Stopwatch.GetTimestamp();
        long published = 0;
        while (!_stopping)
        {
            var due = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * eventsPerSecond);
            for (; published < due && !_stopping; published++)
            {
                // TryNext, not Next: a full ring (a halted stage) must not keep Stop() from returning.
                long sequence;
                while (!ring.TryNext(out sequence))
                {
                    if (_stopping)
                    {
                        Volatile.Write(ref _published, published);
                        return;
                    }

                    Thread.Yield();
                }

                ref var entry = ref ring[sequence];
                entry.Value = published;
                entry.PublishedTicks = Stopwatch.GetTimestamp();
                ring.Publish(sequence);
            }

            Volatile.Write(ref _published, published);
            Thread.Sleep(1); // the feed paces itself; it is not on the measured path
        }
    }
}
