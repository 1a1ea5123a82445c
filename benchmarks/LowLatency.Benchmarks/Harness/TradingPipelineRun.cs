using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using LowLatency.Benchmarks.Workloads;
using LowLatency.Disruptor;
using LowLatency.Disruptor.Dsl;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;

namespace LowLatency.Benchmarks.Harness;

/// <summary>
/// The trading pipeline's figures: backtest throughput on one thread (one strategy, one instrument) with the
/// gen0 count and bytes allocated over a long run after warm-up; and tick→order latency on the live ring,
/// in the 2-core layout (all stages on one busy-spinning thread beside the feed) and the shipped default
/// (two blocking threads).
/// </summary>
public static class TradingPipelineRun
{
    public static bool Throughput(TextWriter output, long ticks)
    {
        var history = TradingSetup.Ticks(1_000_000);
        var pipeline = TradingSetup.NewPipeline(measureLatency: false);
        var entry = default(EngineEvent);
        long cycle = 0;
        void Run(long count)
        {
            for (long done = 0; done < count; cycle++)
            {
                var shift = cycle * history.Length * 100L;
                for (var i = 0; i < history.Length && done < count; i++, done++)
                {
                    entry.SetTick(history[i], 0);
                    entry.Tick.TimestampMs += shift;
                    entry.TimeMs = entry.Tick.TimestampMs;
                    pipeline.Process(ref entry, done, false);
                }
            }
        }

        Run(2_000_000); // warm-up: JIT, pools and lists at their working size
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var gen0 = GC.CollectionCount(0);
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        Run(ticks);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var collections = GC.CollectionCount(0) - gen0;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - bytes;
        var core = pipeline.Core;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"backtest pipeline: {ticks / 1e6:F0} M ticks in {seconds:F2} s = {ticks / seconds / 1e6:F2} M ticks/s; {core.Orders.LastOrderId} orders, {core.FillCount} fills; gen0 {collections}, {allocated} bytes ({(double)allocated / ticks:F4} B/tick)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"figure backtest_mticks_per_s {ticks / seconds / 1e6:F2}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"figure backtest_gen0_collections {collections}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio backtest_vs_target_5m_ticks_per_s {ticks / seconds / 5e6:F2}"));
        return collections == 0;
    }

    /// <summary>As the engine host runs it.</summary>
    private static readonly TimeSpan EngineWarmInterval = OrderPathWarmer.DefaultInterval;

    public static void Latency(TextWriter output, int ticks, double ticksPerSecond)
    {
        Measure(output, "1 thread busy-spin, order path cold", ticks, ticksPerSecond, oneThread: true, null, () => new BusySpinWaitStrategy());
        Measure(output, "1 thread busy-spin (2-core layout)", ticks, ticksPerSecond, oneThread: true, EngineWarmInterval, () => new BusySpinWaitStrategy());
        Measure(output, "2 threads blocking (shipped default)", ticks / 4, ticksPerSecond / 4, oneThread: false, EngineWarmInterval, () => new BlockingWaitStrategy());
    }

    private static void Measure(TextWriter output, string label, int ticks, double ticksPerSecond, bool oneThread, TimeSpan? warm, Func<IWaitStrategy> waitStrategy)
    {
        var history = TradingSetup.Ticks(ticks);
        var pipeline = TradingSetup.NewPipeline(measureLatency: true, warm);
        using var disruptor = new Disruptor<EngineEvent>(null, 8192, ProducerType.Multi, waitStrategy());
        if (oneThread)
        {
            disruptor.HandleEventsWith(new SequentialEventHandler<EngineEvent>(pipeline.Ingest, pipeline.Indicators, pipeline.Signals, pipeline.Risk, pipeline.Routing), new ProcessorOptions { Name = "ll-bench-all" });
        }
        else
        {
            disruptor.HandleEventsWith(new SequentialEventHandler<EngineEvent>(pipeline.Ingest, pipeline.Indicators, pipeline.Signals), new ProcessorOptions { Name = "ll-bench-market" })
                .Then(new SequentialEventHandler<EngineEvent>(pipeline.Risk, pipeline.Routing), new ProcessorOptions { Name = "ll-bench-trading" });
        }

        var ring = disruptor.Start();
        PacedFeed.Run(ring, history, ticksPerSecond, Math.Min(ticks / 5, 100_000), () =>
        {
            _ = pipeline.Latency!.TickToRouted.GetIntervalHistogram(); // drop the warm-up
            _ = pipeline.Latency.TickToOrder.GetIntervalHistogram();
            _ = pipeline.Latency.TickToSignal.GetIntervalHistogram();
        });
        disruptor.Shutdown(TimeSpan.FromSeconds(60));
        var routed = pipeline.Latency!.TickToRouted.GetIntervalHistogram();
        var order = pipeline.Latency.TickToOrder.GetIntervalHistogram();
        var signal = pipeline.Latency.TickToSignal.GetIntervalHistogram();
        output.WriteLine($"tick→order  {label}: {Percentiles(order)}");
        output.WriteLine($"tick→routed {label}: {Percentiles(routed)}");
        output.WriteLine($"tick→signal {label}: {Percentiles(signal)}");
        if (oneThread && warm is not null)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"figure tick_to_order_p50_us {order.GetValueAtPercentile(50) / 1000.0:F2}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"figure tick_to_order_p99_us {order.GetValueAtPercentile(99) / 1000.0:F2}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"figure tick_to_routed_p50_us {routed.GetValueAtPercentile(50) / 1000.0:F2}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"figure tick_to_routed_p99_us {routed.GetValueAtPercentile(99) / 1000.0:F2}"));
        }
    }

    private static string Percentiles(HistogramBase h) => h.TotalCount == 0
        ? "no samples"
        : string.Create(CultureInfo.InvariantCulture,
            $"n={h.TotalCount} p50={h.GetValueAtPercentile(50) / 1000.0:F2} µs p99={h.GetValueAtPercentile(99) / 1000.0:F2} µs p99.9={h.GetValueAtPercentile(99.9) / 1000.0:F2} µs max={h.GetMaxValue() / 1000.0:F2} µs");
}
