using System.Diagnostics;
using LowLatency.Disruptor;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;

namespace LowLatency.Engine.Host.Feeds;

/// <summary>The seeded simulator: its instruments in turn at a steady rate, stamped with wall-clock time. Made-up prices, announced as such.</summary>
public sealed class SimulatorFeed(string name, RingBuffer<EngineEvent> ring, MarketSimulator simulator, IReadOnlyList<int> instrumentIds, double ticksPerSecond)
    : ThreadedFeed(name, ring, [.. instrumentIds])
{
    public override string Source => PriceSources.Simulator;

    protected override void Run()
    {
        var started = Stopwatch.GetTimestamp();
        long published = 0;
        var next = 0;
        var tick = default(Tick);
        while (!Stopping)
        {
            var due = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * ticksPerSecond);
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (; published < due && !Stopping; published++)
            {
                simulator.Next(InstrumentIds[next], now, ref tick);
                next = (next + 1) % InstrumentIds.Count;
                if (!Publish(tick))
                {
                    break;
                }
            }

            Thread.Sleep(1); // the feed paces itself; it is not on the measured path
        }
    }
}
