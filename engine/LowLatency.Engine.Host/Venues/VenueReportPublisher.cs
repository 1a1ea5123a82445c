using System.Diagnostics;
using LowLatency.Disruptor;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Pipeline;

namespace LowLatency.Engine.Host.Venues;

/// <summary>
/// How a real venue's I/O threads put reports into the ring: claimed with a wait (an I/O thread may wait for the
/// ring; the trading thread never waits for the venue), and held in order until the ring exists, since restoring
/// orders at start-up reports some (unsent ones) before the pipeline runs. Callers serialise their calls.
/// </summary>
internal sealed class VenueReportPublisher
{
    private readonly List<VenueReport> _beforeStart = [];
    private RingBuffer<EngineEvent>? _ring;

    /// <summary>The ring is running: what was held goes in now, in order.</summary>
    public void Start(RingBuffer<EngineEvent> ring)
    {
        _ring = ring;
        foreach (var report in _beforeStart)
        {
            Publish(report);
        }

        _beforeStart.Clear();
    }

    public void Publish(in VenueReport report)
    {
        var ring = _ring;
        if (ring is null)
        {
            _beforeStart.Add(report);
            return;
        }

        ring.TryNext(out var sequence, long.MaxValue);
        ring[sequence].SetVenueReport(report, Stopwatch.GetTimestamp());
        ring.Publish(sequence);
    }
}
