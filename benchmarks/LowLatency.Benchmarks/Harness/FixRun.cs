using System.Globalization;
using HdrHistogram;
using LowLatency.Benchmarks.Workloads;
using LowLatency.Engine.Journal;

namespace LowLatency.Benchmarks.Harness;

/// <summary>
/// The FIX venue against the paper venue, interleaved over rounds in one run: order → ExecutionReport round trips
/// on loopback against QuickFIX's executor (one order in flight at a time, a file-backed session store), and the
/// order → fill round trip on the in-process paper exchange; plus, on the FIX side, how long sending a
/// NewOrderSingle takes (encode, store, bytes written to the socket) and the gen0 collections over the FIX rounds.
/// The same through the engine (<see cref="EngineFixClient"/>, journalled, under each <c>beforeSend</c> policy):
/// quote → order in the core → the FIX venue's sender thread writing the NewOrderSingle, and on to the executor's
/// fill applied in the core; the ratio of the default policy's quote → NewOrderSingle written to the paper venue's
/// quote → fill, round by round; and the default policy again with the sender thread spinning between orders.
/// </summary>
public static class FixRun
{
    private const int SpinUs = 100_000; // longer than a round trip: the sender never parks between these orders

    public static void Run(TextWriter output, int rounds, int ordersPerRound)
    {
        if (!File.Exists("/usr/include/quickfix/Session.h"))
        {
            output.WriteLine("fix: skipped (QuickFIX is not installed: apt-get install libquickfix-dev libquickfix-doc g++)");
            return;
        }

        var directory = Directory.CreateTempSubdirectory("ll-bench-fix-").FullName;
        try
        {
            using var fix = new FixClient(directory);
            var paper = new PaperClient();
            using var engine = new EngineFixClient(directory, DurabilityPoint.Written);
            using var syncedEngine = new EngineFixClient(directory, DurabilityPoint.Synced);
            using var spinningEngine = new EngineFixClient(directory, DurabilityPoint.Written, SpinUs);
            engine.RoundTrips(ordersPerRound / 10, Nanoseconds.NewHistogram(), Nanoseconds.NewHistogram());
            syncedEngine.RoundTrips(ordersPerRound / 10, Nanoseconds.NewHistogram(), Nanoseconds.NewHistogram());
            spinningEngine.RoundTrips(ordersPerRound / 10, Nanoseconds.NewHistogram(), Nanoseconds.NewHistogram());
            fix.RoundTrips(ordersPerRound / 10, Nanoseconds.NewHistogram(), Nanoseconds.NewHistogram()); // warm-up
            paper.RoundTrips(ordersPerRound / 10, Nanoseconds.NewHistogram());
            var fixTrips = new List<HistogramBase>();
            var fixSends = new List<HistogramBase>();
            var paperTrips = new List<HistogramBase>();
            var engineWritten = new List<HistogramBase>();
            var engineTrips = new List<HistogramBase>();
            var syncedWritten = new List<HistogramBase>();
            var spinningWritten = new List<HistogramBase>();
            var gen0 = 0;
            for (var round = 0; round < rounds; round++)
            {
                var trips = Nanoseconds.NewHistogram();
                var sends = Nanoseconds.NewHistogram();
                var gen0Before = GC.CollectionCount(0);
                fix.RoundTrips(ordersPerRound, trips, sends);
                gen0 += GC.CollectionCount(0) - gen0Before;
                fixTrips.Add(trips);
                fixSends.Add(sends);
                var written = Nanoseconds.NewHistogram();
                var engineRound = Nanoseconds.NewHistogram();
                gen0Before = GC.CollectionCount(0);
                engine.RoundTrips(ordersPerRound, written, engineRound);
                gen0 += GC.CollectionCount(0) - gen0Before;
                engineWritten.Add(written);
                engineTrips.Add(engineRound);
                var syncedRound = Nanoseconds.NewHistogram();
                syncedEngine.RoundTrips(ordersPerRound, syncedRound, Nanoseconds.NewHistogram());
                syncedWritten.Add(syncedRound);
                var spinningRound = Nanoseconds.NewHistogram();
                spinningEngine.RoundTrips(ordersPerRound, spinningRound, Nanoseconds.NewHistogram());
                spinningWritten.Add(spinningRound);
                var paperRound = Nanoseconds.NewHistogram();
                paper.RoundTrips(ordersPerRound, paperRound);
                paperTrips.Add(paperRound);
                output.WriteLine($"fix round {round + 1}/{rounds} done");
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fix order→ExecutionReport (executor, loopback)  p50 {DurabilityRun.Summary(fixTrips, 50)}  p99 {DurabilityRun.Summary(fixTrips, 99)}  ({ordersPerRound} orders × {rounds} rounds)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"paper order→fill (in process)                p50 {DurabilityRun.Summary(paperTrips, 50)}  p99 {DurabilityRun.Summary(paperTrips, 99)}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fix NewOrderSingle written (encode, store, socket write)  p50 {DurabilityRun.Summary(fixSends, 50)}  p99 {DurabilityRun.Summary(fixSends, 99)}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"engine quote→NewOrderSingle written, beforeSend: written (journal written, fsync beside)  p50 {DurabilityRun.Summary(engineWritten, 50)}  p99 {DurabilityRun.Summary(engineWritten, 99)}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"engine quote→NewOrderSingle written, beforeSend: synced (fsync on the trading thread first)  p50 {DurabilityRun.Summary(syncedWritten, 50)}  p99 {DurabilityRun.Summary(syncedWritten, 99)}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"engine quote→NewOrderSingle written, beforeSend: written, senderSpinUs: {SpinUs} (the sender thread spins between orders)  p50 {DurabilityRun.Summary(spinningWritten, 50)}  p99 {DurabilityRun.Summary(spinningWritten, 99)}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"engine quote→fill on the FIX venue (executor, loopback)  p50 {DurabilityRun.Summary(engineTrips, 50)}  p99 {DurabilityRun.Summary(engineTrips, 99)}"));
            output.WriteLine($"fix gen0 collections during the measured FIX rounds (session and engine): {gen0}");
            Ratio(output, "fix_vs_paper_order_round_trip_p50", fixTrips, paperTrips);
            Ratio(output, "engine_fix_vs_paper_fill_p50", engineTrips, paperTrips);
            Ratio(output, "fix_order_written_vs_paper_fill_p50", engineWritten, paperTrips);
            Ratio(output, "fix_order_written_vs_bare_session_send_p50", engineWritten, fixSends); // the floor: the session's own encode, store and socket write
            Ratio(output, "fix_order_written_synced_vs_written_p50", syncedWritten, engineWritten);
            Ratio(output, "fix_order_written_spinning_vs_parked_sender_p50", spinningWritten, engineWritten);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Round by round, the numerator's p50 over the denominator's: the median ratio and its range.</summary>
    internal static void Ratio(TextWriter output, string name, List<HistogramBase> numerator, List<HistogramBase> denominator, int decimals = 1)
    {
        var ratios = numerator.Zip(denominator).Select(p => (double)p.First.GetValueAtPercentile(50) / Math.Max(1, p.Second.GetValueAtPercentile(50))).Order().ToArray();
        var format = "F" + decimals.ToString(CultureInfo.InvariantCulture);
        string F(double value) => value.ToString(format, CultureInfo.InvariantCulture);
        output.WriteLine($"ratio {name} {F(ratios[ratios.Length / 2])} (range {F(ratios[0])}–{F(ratios[^1])}, {ratios.Length} rounds)");
    }
}
