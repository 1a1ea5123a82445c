using System.Diagnostics;
using LowLatency.Disruptor;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Pipeline;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host.Venues;

/// <summary>
/// How a real venue's I/O threads put reports into the ring: claimed with a wait (an I/O thread may wait for the
/// ring; the trading thread never waits for the venue), and held in order until the ring exists, since restoring
/// orders at start-up reports some (unsent ones) before the pipeline runs. Callers serialise their calls.
/// </summary>
internal sealed partial class VenueReportPublisher
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

    /// <summary>
    /// The reconciliation of <paramref name="logon"/> is complete (or timed out, <paramref name="missing"/> saying
    /// what): logged, and a <see cref="VenueOutcome.Reconciled"/> report behind every answer in the ring, about no
    /// order (<paramref name="anyInstrument"/> routes it back to the venue; none when the venue trades nothing).
    /// </summary>
    public void Reconciled(ILogger logger, string venue, int anyInstrument, int logon, string? missing)
    {
        if (missing is null)
        {
            LogReconciled(logger, venue, logon);
        }
        else
        {
            LogReconcileTimedOut(logger, venue, logon, missing);
        }

        if (anyInstrument >= 0)
        {
            Publish(new VenueReport { OrderId = 0, InstrumentId = anyInstrument, Outcome = VenueOutcome.Reconciled, Logon = logon, TimeMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Venue {Venue}: connection {Logon} reconciled; new orders go to the venue")]
    private static partial void LogReconciled(ILogger logger, string venue, int logon);

    [LoggerMessage(Level = LogLevel.Error, Message = "Venue {Venue}: connection {Logon} reconciliation incomplete ({Missing}); new orders go to the venue regardless: check the venue's orders")]
    private static partial void LogReconcileTimedOut(ILogger logger, string venue, int logon, string missing);
}
