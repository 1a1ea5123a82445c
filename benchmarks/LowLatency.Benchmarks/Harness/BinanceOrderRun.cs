using System.Globalization;
using HdrHistogram;
using LowLatency.Benchmarks.Workloads;

namespace LowLatency.Benchmarks.Harness;

/// <summary>
/// The Binance venue's order path beside the paper venue, interleaved over rounds in one run: quote → order decided
/// and journalled → the signed REST request written to the socket by the venue's sender thread (the emulator on
/// loopback), and on to the fill over the user data stream; the bare REST client's own signed request (the floor);
/// the paper venue's quote → fill; and the gen0 collections over the engine's rounds.
/// </summary>
public static class BinanceOrderRun
{
    public static void Run(TextWriter output, int rounds, int ordersPerRound)
    {
        var directory = Directory.CreateTempSubdirectory("ll-bench-binance-").FullName;
        try
        {
            using var engine = new EngineBinanceClient(directory);
            var paper = new PaperClient();
            engine.RoundTrips(ordersPerRound / 10, Nanoseconds.NewHistogram(), Nanoseconds.NewHistogram()); // warm-up
            engine.BareSends(ordersPerRound / 10, Nanoseconds.NewHistogram());
            paper.RoundTrips(ordersPerRound / 10, Nanoseconds.NewHistogram());
            var written = new List<HistogramBase>();
            var trips = new List<HistogramBase>();
            var bare = new List<HistogramBase>();
            var paperTrips = new List<HistogramBase>();
            var gen0 = 0;
            for (var round = 0; round < rounds; round++)
            {
                var roundWritten = Nanoseconds.NewHistogram();
                var roundTrips = Nanoseconds.NewHistogram();
                var gen0Before = GC.CollectionCount(0);
                engine.RoundTrips(ordersPerRound, roundWritten, roundTrips);
                gen0 += GC.CollectionCount(0) - gen0Before;
                written.Add(roundWritten);
                trips.Add(roundTrips);
                var roundBare = Nanoseconds.NewHistogram();
                engine.BareSends(ordersPerRound, roundBare);
                bare.Add(roundBare);
                var roundPaper = Nanoseconds.NewHistogram();
                paper.RoundTrips(ordersPerRound, roundPaper);
                paperTrips.Add(roundPaper);
                output.WriteLine($"binance round {round + 1}/{rounds} done");
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"engine quote→order REST request written (Binance venue, emulator on loopback)  p50 {DurabilityRun.Summary(written, 50)}  p99 {DurabilityRun.Summary(written, 99)}  ({ordersPerRound} orders × {rounds} rounds)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bare REST client signed order request written (the floor)  p50 {DurabilityRun.Summary(bare, 50)}  p99 {DurabilityRun.Summary(bare, 99)}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"engine quote→fill over the user data stream (emulator)  p50 {DurabilityRun.Summary(trips, 50)}  p99 {DurabilityRun.Summary(trips, 99)}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"paper order→fill (in process)  p50 {DurabilityRun.Summary(paperTrips, 50)}  p99 {DurabilityRun.Summary(paperTrips, 99)}"));
            output.WriteLine($"binance gen0 collections during the engine's measured rounds (venue, REST client and emulator together): {gen0}");
            FixRun.Ratio(output, "binance_order_written_vs_bare_rest_send_p50", written, bare);
            FixRun.Ratio(output, "binance_order_written_vs_paper_fill_p50", written, paperTrips);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
