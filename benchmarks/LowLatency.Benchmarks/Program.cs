using System.Globalization;
using BenchmarkDotNet.Running;
using LowLatency.Benchmarks.Harness;
using LowLatency.Benchmarks.Workloads;
using LowLatency.Disruptor;

namespace LowLatency.Benchmarks;

/// <summary>
/// <c>--quick</c>: interleaved side-by-side comparisons, latency percentiles and the allocation run, ending with
/// one <c>ratio NAME VALUE</c> line per comparison. Without it: the BenchmarkDotNet suites (any further
/// arguments go to BenchmarkDotNet, e.g. <c>--filter *Pipeline*</c>), then the same quick report.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var quick = args.Contains("--quick");
        var rounds = ReadInt(args, "--rounds", 7);
        var onlyIndex = Array.IndexOf(args, "--only");
        var only = onlyIndex >= 0 && onlyIndex + 1 < args.Length ? args[onlyIndex + 1] : null;
        string[] ours = ["--quick", "--rounds", "--only", "--pipeline", "--analytics", "--fix", "--import", "--md", "--binance", "--workers", "--cluster", "--shards"];
        var rest = args.Where((a, i) => !ours.Contains(a) && (i == 0 || (args[i - 1] != "--rounds" && args[i - 1] != "--only"))).ToArray();
        var output = Console.Out;
        if (args.Contains("--pipeline"))
        {
            return RunPipeline(output, quick) ? 0 : 1;
        }

        if (args.Contains("--analytics"))
        {
            RunAnalytics(output, quick);
            return 0;
        }

        if (args.Contains("--import"))
        {
            RunImport(output, quick);
            return 0;
        }

        if (args.Contains("--md"))
        {
            RunMarketData(output, quick);
            return 0;
        }

        if (args.Contains("--fix"))
        {
            RunFix(output, quick);
            return 0;
        }

        if (args.Contains("--shards"))
        {
            output.WriteLine("# Orders over NATS request/reply: 1 shard process owning two instruments, then 2 owning one each, interleaved rounds");
            ShardRun.Run(output, ReadInt(args, "--rounds", 3), quick ? 2_000 : 10_000);
            return 0;
        }

        if (args.Contains("--cluster"))
        {
            output.WriteLine("# Records through the event path on real servers: journal → JetStream (the shard's publisher), JetStream → PostgreSQL (a bridge's projector)");
            ReadSideRun.Run(output, ReadInt(args, "--rounds", 3), quick ? 20_000 : 100_000);
            output.WriteLine("# Orders over NATS request/reply: 1 shard process owning two instruments, then 2 owning one each, interleaved rounds");
            ShardRun.Run(output, ReadInt(args, "--rounds", 3), quick ? 2_000 : 10_000);
        }

        if (args.Contains("--workers") || args.Contains("--cluster"))
        {
            output.WriteLine("# Optimiser backtests through the JetStream work queue: 1 and 2 worker processes, interleaved rounds");
            WorkerRun.Run(output, ReadInt(args, "--rounds", quick ? 3 : 5), quick ? 8 : 16);
            return 0;
        }

        if (args.Contains("--binance"))
        {
            RunBinance(output, quick);
            return 0;
        }

        if (!quick)
        {
            output.WriteLine("# BenchmarkDotNet suites (MemoryDiagnoser: the ring rows must show Allocated = 0 B or '-')");
            var switcher = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly);
            switcher.Run(rest.Length == 0 ? ["--filter", "*"] : rest);
            output.WriteLine();
            output.WriteLine("# Latency harness: ping-pong round trips per wait strategy (blocking wakes through the OS: fewer trips)");
            var strategies = new (string Label, Func<IWaitStrategy> Create, int RoundTrips)[]
            {
                ("busy-spin", () => new BusySpinWaitStrategy(), 2_000_000),
                ("yielding", () => new YieldingWaitStrategy(), 2_000_000),
                ("blocking", () => new BlockingWaitStrategy(), 100_000),
            };
            foreach (var (label, strategy, roundTrips) in strategies)
            {
                using var pingPong = new RingPingPong(strategy);
                pingPong.Run(roundTrips / 10, Nanoseconds.NewHistogram());
                var histogram = Nanoseconds.NewHistogram();
                pingPong.Run(roundTrips, histogram);
                output.WriteLine(QuickComparison.LatencyLine($"ring {label}", histogram));
            }
        }

        output.WriteLine();
        output.WriteLine($"# Allocation run: {(quick ? 20 : 100)} M events through the ring after warm-up (gen0 must be 0)");
        var allocationFree = AllocationRun.Run(output, quick ? 20_000_000 : 100_000_000, 10_000_000);

        allocationFree &= RunPipeline(output, quick);

        RunAnalytics(output, quick);

        RunFix(output, quick);

        RunBinance(output, quick);

        RunMarketData(output, quick);

        RunImport(output, quick);

        output.WriteLine();
        output.WriteLine($"# Side-by-side comparisons, {rounds} interleaved rounds each (ratio > 1: the ring is better)");
        var summaries = new QuickComparison(output, rounds, only).Run();

        output.WriteLine();
        output.WriteLine("# Summary: median and range of the per-round ratios");
        foreach (var summary in summaries)
        {
            output.WriteLine(summary.RangeLine());
        }

        output.WriteLine(allocationFree ? "allocation-free: yes (0 gen0 collections on the ring paths and the trading pipeline)" : "allocation-free: NO (gen0 collections on a ring path or the trading pipeline)");
        foreach (var summary in summaries)
        {
            output.WriteLine(summary.RatioLine());
        }

        return allocationFree ? 0 : 1;
    }

    /// <summary>The trading pipeline's section alone (<c>--pipeline</c>) or as part of the full report.</summary>
    private static bool RunPipeline(TextWriter output, bool quick)
    {
        output.WriteLine();
        output.WriteLine("# Trading pipeline (mama-fama-btc on BTC-USD): backtest throughput on one thread, 10 M ticks after warm-up (gen0 must be 0)");
        var allocationFree = TradingPipelineRun.Throughput(output, 10_000_000);
        output.WriteLine();
        output.WriteLine("# Trading pipeline latency on the live ring (paced feed; arrival in the ring → order routed / tick fully processed)");
        TradingPipelineRun.Latency(output, quick ? 1_000_000 : 3_000_000, 100_000);
        output.WriteLine();
        output.WriteLine("# Durability on the live ring (journal attached; variants interleaved over rounds): fsync none vs everyBatch, snapshots off vs on the trading thread; median (range) over rounds");
        DurabilityRun.Run(output, quick ? 3 : 5, 300_000, 100_000);
        return allocationFree;
    }

    /// <summary>The analytics section alone (<c>--analytics</c>) or as part of the full report.</summary>
    private static void RunAnalytics(TextWriter output, bool quick)
    {
        output.WriteLine();
        output.WriteLine("# Analytics batch throughput (./run.sh indicators and ./run.sh astro without file I/O) and the optimiser's backtests/s, one core against all");
        AnalyticsRun.Run(output, quick ? 3 : 5, 1_000_000, quick ? 2_000 : 10_000);
        OptimiserRun.Run(output, quick ? 3 : 5, 4 * Environment.ProcessorCount);
        MlScanRun.Run(output, quick ? 3 : 5);
    }

    /// <summary>The FIX venue section alone (<c>--fix</c>) or as part of the full report.</summary>
    private static void RunFix(TextWriter output, bool quick)
    {
        output.WriteLine();
        output.WriteLine("# FIX venue against QuickFIX's executor on loopback, beside the paper venue (interleaved rounds; median (range) over rounds)");
        FixRun.Run(output, quick ? 3 : 7, quick ? 2_000 : 10_000);
    }

    /// <summary>The Binance venue's order path alone (<c>--binance</c>) or as part of the full report.</summary>
    private static void RunBinance(TextWriter output, bool quick)
    {
        output.WriteLine();
        output.WriteLine("# Binance venue: quote → signed REST order request written, against the emulator on loopback, beside the bare REST client and the paper venue (interleaved rounds; median (range) over rounds)");
        BinanceOrderRun.Run(output, quick ? 3 : 7, quick ? 1_000 : 5_000);
    }

    /// <summary>The FIX market data section alone (<c>--md</c>) or as part of the full report.</summary>
    private static void RunMarketData(TextWriter output, bool quick)
    {
        output.WriteLine();
        output.WriteLine("# FIX market data: an incremental refresh's bytes → the quote seen on the ring, beside the simulator's tick (interleaved rounds; median (range) over rounds)");
        FixMarketDataRun.Run(output, quick ? 3 : 7, quick ? 100_000 : 500_000);
    }

    /// <summary>The history import section alone (<c>--import</c>) or as part of the full report.</summary>
    private static void RunImport(TextWriter output, bool quick)
    {
        output.WriteLine();
        output.WriteLine("# History import (./run.sh import): one-minute bars into a fresh store, Binance klines and the header CSV interleaved over rounds");
        ImportRun.Run(output, quick ? 3 : 5, 1_000_000);
    }

    private static int ReadInt(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
    }
}
