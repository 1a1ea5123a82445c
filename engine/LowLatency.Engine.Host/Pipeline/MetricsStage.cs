using System.Diagnostics;
using HdrHistogram;
using LowLatency.Disruptor;

namespace LowLatency.Engine.Host.Pipeline;

/// <summary>Last stage: counts events and records publish → here latency in an interval recorder (allocation-free per event).</summary>
public sealed class MetricsStage : IEventHandler<HostEvent>
{
    private const long HighestNanoseconds = 60_000_000_000L;
    private static readonly double TicksToNanoseconds = 1e9 / Stopwatch.Frequency;

    private readonly Recorder _latency = new(1, HighestNanoseconds, 3, (id, low, high, digits) => new LongHistogram(id, low, high, digits));
    private long _processed;

    public long Processed => Volatile.Read(ref _processed);

    /// <summary>The latencies recorded since the previous call (nanoseconds); safe from another thread.</summary>
    public HistogramBase TakeInterval() => _latency.GetIntervalHistogram();

    public void OnEvent(ref HostEvent entry, long sequence, bool endOfBatch)
    {
        var nanoseconds = (long)((Stopwatch.GetTimestamp() - entry.PublishedTicks) * TicksToNanoseconds);
        _latency.RecordValue(Math.Clamp(nanoseconds, 1, HighestNanoseconds));
        Volatile.Write(ref _processed, _processed + 1);
    }
}
