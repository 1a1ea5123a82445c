using System.Diagnostics;
using LowLatency.Disruptor;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;

namespace LowLatency.Benchmarks.Harness;

/// <summary>Publishes ticks into the ring at a fixed rate (spinning between them: latency, not queueing), with a hook where the warm-up ends.</summary>
internal static class PacedFeed
{
    public static void Run(RingBuffer<EngineEvent> ring, Tick[] history, double ticksPerSecond, int warmUp, Action endOfWarmUp)
    {
        var intervalTicks = (long)(Stopwatch.Frequency / ticksPerSecond);
        var next = Stopwatch.GetTimestamp();
        for (var i = 0; i < history.Length; i++)
        {
            if (i == warmUp)
            {
                endOfWarmUp();
            }

            while (Stopwatch.GetTimestamp() < next)
            {
                Thread.SpinWait(1);
            }

            next += intervalTicks;
            var sequence = ring.Next();
            ring[sequence].SetTick(history[i], Stopwatch.GetTimestamp());
            ring.Publish(sequence);
        }
    }
}
