using System.Globalization;
using HdrHistogram;
using LowLatency.Benchmarks.Workloads;
using LowLatency.Disruptor;
using LowLatency.Disruptor.Dsl;
using LowLatency.Engine.Journal;
using LowLatency.Engine.Pipeline;
using LowLatency.Engine.State;

namespace LowLatency.Benchmarks.Harness;

/// <summary>
/// What durability costs on the live ring, all variants interleaved over rounds in one run (1 busy-spin thread):
/// the journal with <c>fsync: none</c> against <c>everyBatch</c> (the durability point on tick→order), and
/// snapshots written by the background writer against the same snapshots written on the trading thread (what
/// the engine did before), with every tick journalled (and no per-batch fsync) so that snapshots come several
/// times a second.
/// </summary>
public static class DurabilityRun
{
    private const int SnapshotEvery = 20_000;

    private enum Variant
    {
        FsyncNone,
        FsyncEveryBatch,
        SnapshotsBackground,
        SnapshotsOnTradingThread,
    }

    public static void Run(TextWriter output, int rounds, int ticks, double ticksPerSecond)
    {
        var variants = Enum.GetValues<Variant>();
        var results = variants.ToDictionary(v => v, _ => new List<(HistogramBase Order, HistogramBase Routed)>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var variant in variants)
            {
                results[variant].Add(Measure(variant, ticks, ticksPerSecond));
            }

            output.WriteLine($"durability round {round + 1}/{rounds} done");
        }

        foreach (var variant in variants)
        {
            var runs = results[variant];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Name(variant),-34} tick→order p99 {Summary(runs.Select(r => r.Order), 99)}  p99.9 {Summary(runs.Select(r => r.Order), 99.9)}  (orders per round {runs.Min(r => r.Order.TotalCount)}–{runs.Max(r => r.Order.TotalCount)}) | tick→routed p99 {Summary(runs.Select(r => r.Routed), 99)}  p99.9 {Summary(runs.Select(r => r.Routed), 99.9)}"));
        }

        Ratio(output, "ratio fsync_everybatch_vs_none_tick_to_order_p50", results[Variant.FsyncEveryBatch], results[Variant.FsyncNone], r => r.Order, 50);
        Ratio(output, "ratio snapshots_on_trading_thread_vs_background_tick_to_routed_p999", results[Variant.SnapshotsOnTradingThread], results[Variant.SnapshotsBackground], r => r.Routed, 99.9);
        Ratio(output, "ratio snapshots_on_trading_thread_vs_background_tick_to_order_p99", results[Variant.SnapshotsOnTradingThread], results[Variant.SnapshotsBackground], r => r.Order, 99);
    }

    private static (HistogramBase Order, HistogramBase Routed) Measure(Variant variant, int ticks, double ticksPerSecond)
    {
        var directory = Directory.CreateTempSubdirectory("ll-bench-durability-").FullName;
        try
        {
            var history = TradingSetup.Ticks(ticks);
            var pipeline = TradingSetup.NewPipeline(measureLatency: true, OrderPathWarmer.DefaultInterval);
            var options = new JournalOptions
            {
                // The snapshot variants sync nothing per batch, so that what they differ in (where snapshots are written) is what shows.
                Fsync = variant == Variant.FsyncEveryBatch ? FsyncPolicy.EveryBatch : FsyncPolicy.None,
                JournalTicks = variant is Variant.SnapshotsBackground or Variant.SnapshotsOnTradingThread,
                SnapshotEveryRecords = variant == Variant.SnapshotsBackground ? SnapshotEvery : 0,
            };
            using var store = new TradingStore(directory, options);
            store.Open(pipeline.Core);
            if (variant == Variant.SnapshotsOnTradingThread)
            {
                pipeline.Core.AttachJournal(new SnapshotsOnCommit(store, pipeline.Core, SnapshotEvery));
            }

            using var disruptor = new Disruptor<EngineEvent>(null, 8192, ProducerType.Multi, new BusySpinWaitStrategy());
            disruptor.HandleEventsWith(new SequentialEventHandler<EngineEvent>(pipeline.Ingest, pipeline.Indicators, pipeline.Signals, pipeline.Risk, pipeline.Routing), new ProcessorOptions { Name = "ll-bench-all" });
            var ring = disruptor.Start();
            PacedFeed.Run(ring, history, ticksPerSecond, Math.Min(ticks / 5, 50_000), () =>
            {
                _ = pipeline.Latency!.TickToRouted.GetIntervalHistogram(); // drop the warm-up
                _ = pipeline.Latency.TickToOrder.GetIntervalHistogram();
            });
            disruptor.Shutdown(TimeSpan.FromSeconds(60));
            return (pipeline.Latency!.TickToOrder.GetIntervalHistogram(), pipeline.Latency.TickToRouted.GetIntervalHistogram());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Name(Variant variant) => variant switch
    {
        Variant.FsyncNone => "journal, fsync none",
        Variant.FsyncEveryBatch => "journal, fsync everyBatch",
        Variant.SnapshotsBackground => "snapshots by the background writer",
        _ => "snapshots on the trading thread",
    };

    /// <summary>The median and range over rounds of one percentile, in microseconds.</summary>
    internal static string Summary(IEnumerable<HistogramBase> runs, double percentile)
    {
        var values = runs.Where(h => h.TotalCount > 0).Select(h => h.GetValueAtPercentile(percentile) / 1000.0).Order().ToArray();
        return values.Length == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{values[values.Length / 2]:F1} µs ({values[0]:F1}–{values[^1]:F1})");
    }

    private static void Ratio(TextWriter output, string name, List<(HistogramBase Order, HistogramBase Routed)> a, List<(HistogramBase Order, HistogramBase Routed)> b, Func<(HistogramBase Order, HistogramBase Routed), HistogramBase> pick, double percentile)
    {
        var ratios = a.Zip(b).Where(p => pick(p.First).TotalCount > 0 && pick(p.Second).TotalCount > 0)
            .Select(p => (double)pick(p.First).GetValueAtPercentile(percentile) / Math.Max(1, pick(p.Second).GetValueAtPercentile(percentile))).Order().ToArray();
        if (ratios.Length > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {ratios[ratios.Length / 2]:F2} (range {ratios[0]:F2}–{ratios[^1]:F2}, {ratios.Length} rounds)"));
        }
    }

    /// <summary>The old behaviour, for comparison: a full snapshot written on the trading thread at a commit every N records.</summary>
    private sealed class SnapshotsOnCommit(TradingStore store, TradingCore core, int every) : ITradingJournal
    {
        private long _since;

        public void Append(in TradingRecord record)
        {
            store.Append(record);
            _since++;
        }

        public void Commit()
        {
            store.Commit();
            if (_since >= every)
            {
                store.WriteSnapshot(core);
                _since = 0;
            }
        }
    }
}
