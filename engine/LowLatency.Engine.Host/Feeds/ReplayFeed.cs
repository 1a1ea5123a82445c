using System.Diagnostics;
using LowLatency.Disruptor;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;

namespace LowLatency.Engine.Host.Feeds;

/// <summary>A history source (a CSV file) replayed at its own timestamps × speed (0: as fast as the ring takes them), once.</summary>
public sealed class ReplayFeed(string name, RingBuffer<EngineEvent> ring, ITickSource history, int instrumentId, double speed)
    : ThreadedFeed(name, ring, [instrumentId])
{
    private volatile bool _finished;

    public override string Source => history.Source;

    /// <summary>True once the source ran out.</summary>
    public bool Finished => _finished;

    protected override void Run()
    {
        var started = Stopwatch.GetTimestamp();
        var tick = default(Tick);
        long first = 0;
        long published = 0;
        while (!Stopping && history.TryNext(ref tick))
        {
            if (published++ == 0)
            {
                first = tick.TimestampMs;
            }

            if (speed > 0)
            {
                var dueSeconds = (tick.TimestampMs - first) / 1000.0 / speed;
                while (!Stopping && Stopwatch.GetElapsedTime(started).TotalSeconds < dueSeconds)
                {
                    Thread.Sleep(1);
                }
            }

            if (!Publish(tick))
            {
                return;
            }
        }

        _finished = true;
        Counters.SetConnected(false);
    }

    protected override void Dispose(bool disposing)
    {
        history.Dispose();
        base.Dispose(disposing);
    }
}
