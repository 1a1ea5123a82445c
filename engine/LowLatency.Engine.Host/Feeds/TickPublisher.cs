using System.Diagnostics;
using LowLatency.Disruptor;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;

namespace LowLatency.Engine.Host.Feeds;

/// <summary>
/// The one path from every feed into the ring: claims a slot, writes the tick with its arrival time, publishes,
/// counts. Allocation-free. Claims with <c>TryNext</c>, so a full ring (a stalled stage) never keeps a feed's
/// stop from returning.
/// </summary>
public sealed class TickPublisher(RingBuffer<EngineEvent> ring, FeedCounters counters)
{
    public FeedCounters Counters => counters;

    /// <summary>Publishes <paramref name="tick"/>; false when <paramref name="stopping"/> turned true while the ring was full.</summary>
    public bool Publish(in Tick tick, ref readonly bool stopping)
    {
        long sequence;
        while (!ring.TryNext(out sequence))
        {
            if (Volatile.Read(in stopping))
            {
                return false;
            }

            Thread.Yield();
        }

        var now = Stopwatch.GetTimestamp();
        ring[sequence].SetTick(tick, now);
        ring.Publish(sequence);
        counters.Published(now);
        return true;
    }
}
