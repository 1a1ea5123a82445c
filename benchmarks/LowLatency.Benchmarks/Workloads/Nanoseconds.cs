using System.Diagnostics;
using HdrHistogram;

namespace LowLatency.Benchmarks.Workloads;

internal static class Nanoseconds
{
    public const long HistogramMax = 10_000_000_000L;

    private static readonly double TicksToNanoseconds = 1e9 / Stopwatch.Frequency;

    public static HistogramBase NewHistogram() => new LongHistogram(HistogramMax, 3);

    public static void Record(HistogramBase histogram, long startTicks, long endTicks)
    {
        var ns = (long)((endTicks - startTicks) * TicksToNanoseconds);
        histogram.RecordValue(Math.Clamp(ns, 1, HistogramMax));
    }
}
