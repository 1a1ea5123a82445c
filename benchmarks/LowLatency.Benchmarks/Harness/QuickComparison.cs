using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using LowLatency.Benchmarks.Workloads;
using LowLatency.Disruptor;

namespace LowLatency.Benchmarks.Harness;

/// <summary>
/// Side-by-side comparisons made in one run: the two sides alternate (A B A B …) over several rounds, each
/// round yields a ratio, and the median and range of those ratios are reported. The machine's speed drifts
/// between rounds; within a round both sides see the same machine.
/// </summary>
public sealed class QuickComparison(TextWriter output, int rounds, string? only = null)
{
    private readonly List<RatioSummary> _summaries = [];

    public IReadOnlyList<RatioSummary> Run()
    {
        Throughput(
            "ring_vs_channel_1p1c_throughput", "value entries by ref (the engine's representation), one event per claim, yielding vs Channel WaitToReadAsync",
            () => new RingOneToOne<ValueEntry, ValueEntryAccess>(null, new YieldingWaitStrategy()), 20_000_000,
            () => new ChannelOneToOne(), 2_000_000);
        Throughput(
            "ring_ref_vs_channel_1p1c_throughput", "reference entries, one event per claim, yielding vs Channel WaitToReadAsync",
            () => new RingOneToOne<LongEntry, LongEntryAccess>(() => new LongEntry(), new YieldingWaitStrategy()), 20_000_000,
            () => new ChannelOneToOne(), 2_000_000);
        Throughput(
            "ring_ref_batch10_vs_channel_1p1c_throughput", "reference entries, claims of 10, yielding",
            () => new RingOneToOne<LongEntry, LongEntryAccess>(() => new LongEntry(), new YieldingWaitStrategy(), batch: 10), 40_000_000,
            () => new ChannelOneToOne(), 2_000_000);
        Throughput(
            "ring_batch10_vs_channel_1p1c_throughput", "value entries, claims of 10, yielding",
            () => new RingOneToOne<ValueEntry, ValueEntryAccess>(null, new YieldingWaitStrategy(), batch: 10), 40_000_000,
            () => new ChannelOneToOne(), 2_000_000);
        Throughput(
            "ring_vs_blockingcollection_1p1c_throughput", "reference entries vs BlockingCollection Add/Take",
            () => new RingOneToOne<LongEntry, LongEntryAccess>(() => new LongEntry(), new YieldingWaitStrategy()), 20_000_000,
            () => new BlockingCollectionOneToOne(), 1_000_000);
        Throughput(
            "ring_vs_channel_pipeline3_throughput", "1 producer -> 3 chained stages, yielding vs 3 chained Channels",
            () => new RingPipeline(() => new YieldingWaitStrategy()), 10_000_000,
            () => new ChannelPipeline(), 1_000_000);
        Throughput(
            "ring_blocking_vs_channel_pipeline3_throughput", "1 producer -> 3 chained stages, blocking wait (no spinning) vs Channels",
            () => new RingPipeline(() => new BlockingWaitStrategy()), 5_000_000,
            () => new ChannelPipeline(), 1_000_000);
        Throughput(
            "ring_vs_blockingcollection_pipeline3_throughput", "1 producer -> 3 chained stages vs 3 chained BlockingCollections",
            () => new RingPipeline(() => new YieldingWaitStrategy()), 10_000_000,
            () => new BlockingCollectionPipeline(), 500_000);
        // Headline: both sides on two threads (the channel's pinger blocks on each reply, without spinning).
        Latency("channel_vs_ring_pingpong_p50", "busy-spin", () => new RingPingPong(() => new BusySpinWaitStrategy()), 200_000, asyncChannelPinger: false);
        Latency("channel_vs_ring_yielding_pingpong_p50", "yielding", () => new RingPingPong(() => new YieldingWaitStrategy()), 200_000, asyncChannelPinger: false);

        // For completeness: an all-async channel ping-pong, whose two ends may run on one pool thread.
        Latency("channel_async_vs_ring_pingpong_p50", "busy-spin", () => new RingPingPong(() => new BusySpinWaitStrategy()), 200_000, asyncChannelPinger: true);
        return _summaries;
    }

    private void Throughput(string name, string description, Func<IThroughputWorkload> ring, long ringEvents, Func<IThroughputWorkload> other, long otherEvents)
    {
        if (Skip(name))
        {
            return;
        }

        output.WriteLine($"== {name}: {description}");
        var summary = new RatioSummary(name, description);
        var ringRates = new List<double>();
        var otherRates = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var ringRate = MeasureThroughput(ring, ringEvents);
            var otherRate = MeasureThroughput(other, otherEvents);
            ringRates.Add(ringRate);
            otherRates.Add(otherRate);
            summary.Add(ringRate / otherRate);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"   round {round}/{rounds}: ring {ringRate / 1e6,8:F1} M ops/s   other {otherRate / 1e6,8:F2} M ops/s   ratio {ringRate / otherRate,7:F2}"));
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"   medians: ring {RatioSummary.MedianOf(ringRates) / 1e6:F1} M ops/s, other {RatioSummary.MedianOf(otherRates) / 1e6:F2} M ops/s"));
        _summaries.Add(summary);
    }

    private bool Skip(string name) => only is not null && !name.Contains(only, StringComparison.Ordinal);

    private static double MeasureThroughput(Func<IThroughputWorkload> create, long events)
    {
        using var workload = create();
        workload.Run(Math.Max(1, events / 10)); // warm-up: JIT tiers, caches, thread start-up
        var start = Stopwatch.GetTimestamp();
        workload.Run(events);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        GC.KeepAlive(workload.Checksum);
        return events / seconds;
    }

    private void Latency(string name, string strategy, Func<ILatencyWorkload> ring, int roundTrips, bool asyncChannelPinger)
    {
        if (Skip(name))
        {
            return;
        }

        var channelKind = asyncChannelPinger ? "Channel, async pinger (both ends may share one pool thread)" : "Channel, pinger thread blocking on ReadAsync";
        output.WriteLine($"== {name}: ping-pong round trip, ring {strategy} vs {channelKind}");
        var summary = new RatioSummary(name, $"ring {strategy} vs {channelKind}");
        var tail = new RatioSummary(name.Replace("_p50", "_p99", StringComparison.Ordinal), $"p99, ring {strategy} vs {channelKind}");
        var ringAll = Nanoseconds.NewHistogram();
        var channelAll = Nanoseconds.NewHistogram();
        var channelRoundTrips = Math.Max(1000, roundTrips / 4);
        for (var round = 1; round <= rounds; round++)
        {
            var ringHistogram = MeasureLatency(ring, roundTrips);
            var channelHistogram = MeasureLatency(() => new ChannelPingPong(asyncChannelPinger), channelRoundTrips);
            ringAll.Add(ringHistogram);
            channelAll.Add(channelHistogram);
            var ratio = (double)channelHistogram.GetValueAtPercentile(50) / ringHistogram.GetValueAtPercentile(50);
            summary.Add(ratio);
            tail.Add((double)channelHistogram.GetValueAtPercentile(99) / ringHistogram.GetValueAtPercentile(99));
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"   round {round}/{rounds}: ring p50 {ringHistogram.GetValueAtPercentile(50) / 1000.0:F3} us   channel p50 {channelHistogram.GetValueAtPercentile(50) / 1000.0:F3} us   ratio {ratio:F2}"));
        }

        output.WriteLine("   " + LatencyLine($"ring {strategy}", ringAll));
        output.WriteLine("   " + LatencyLine("channel", channelAll));
        _summaries.Add(summary);
        _summaries.Add(tail);
    }

    private static HistogramBase MeasureLatency(Func<ILatencyWorkload> create, int roundTrips)
    {
        using var workload = create();
        workload.Run(Math.Max(1000, roundTrips / 10), Nanoseconds.NewHistogram()); // warm-up
        var histogram = Nanoseconds.NewHistogram();
        workload.Run(roundTrips, histogram);
        return histogram;
    }

    /// <summary>p50, p99, p99.9, p99.99 and max of a round-trip histogram, in microseconds.</summary>
    public static string LatencyLine(string label, HistogramBase histogram) => string.Create(
        CultureInfo.InvariantCulture,
        $"{label,-18} n={histogram.TotalCount,9}  p50 {Us(histogram.GetValueAtPercentile(50))}  p99 {Us(histogram.GetValueAtPercentile(99))}  p99.9 {Us(histogram.GetValueAtPercentile(99.9))}  p99.99 {Us(histogram.GetValueAtPercentile(99.99))}  max {Us(histogram.GetMaxValue())} (us)");

    private static string Us(long nanoseconds) => (nanoseconds / 1000.0).ToString("F3", CultureInfo.InvariantCulture);
}
