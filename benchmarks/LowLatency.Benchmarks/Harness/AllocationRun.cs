using System.Diagnostics;
using System.Globalization;
using LowLatency.Benchmarks.Workloads;
using LowLatency.Disruptor;

namespace LowLatency.Benchmarks.Harness;

/// <summary>
/// The long-run allocation proof: after warm-up, N events through the ring must cause zero gen0
/// collections and allocate (next to) nothing, process-wide. Channels are run beside it for contrast.
/// </summary>
public static class AllocationRun
{
    public static bool Run(TextWriter output, long ringEvents, long channelEvents)
    {
        var ring = Measure(() => new RingOneToOne<ValueEntry, ValueEntryAccess>(null, new YieldingWaitStrategy()), ringEvents);
        output.WriteLine(Line("ring 1p1c (value entries)", ringEvents, ring));
        var ringReference = Measure(() => new RingOneToOne<LongEntry, LongEntryAccess>(() => new LongEntry(), new YieldingWaitStrategy()), ringEvents);
        output.WriteLine(Line("ring 1p1c (reference entries)", ringEvents, ringReference));
        var pipeline = Measure(() => new RingPipeline(() => new YieldingWaitStrategy()), ringEvents / 4);
        output.WriteLine(Line("ring pipeline3", ringEvents / 4, pipeline));
        var channel = Measure(() => new ChannelOneToOne(), channelEvents);
        output.WriteLine(Line("channel 1p1c", channelEvents, channel));
        return ring.Gen0 == 0 && ringReference.Gen0 == 0 && pipeline.Gen0 == 0;
    }

    private static (int Gen0, long Bytes, double Seconds) Measure(Func<IThroughputWorkload> create, long events)
    {
        using var workload = create();
        workload.Run(1_000_000);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var gen0 = GC.CollectionCount(0);
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var start = Stopwatch.GetTimestamp();
        workload.Run(events);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return (GC.CollectionCount(0) - gen0, GC.GetTotalAllocatedBytes(precise: true) - bytes, seconds);
    }

    private static string Line(string label, long events, (int Gen0, long Bytes, double Seconds) result) => string.Create(
        CultureInfo.InvariantCulture,
        $"alloc {label,-32} events={events,12:N0}  gen0={result.Gen0,5}  allocated={result.Bytes,12:N0} B  ({(double)result.Bytes / events:F4} B/event, {events / result.Seconds / 1e6:F1} M ops/s)");
}
