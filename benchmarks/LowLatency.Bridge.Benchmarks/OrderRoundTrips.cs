using System.Globalization;
using HdrHistogram;
using LowLatency.Benchmarks.Harness;
using LowLatency.ClusterServers;

namespace LowLatency.Bridge.Benchmarks;

/// <summary>
/// Engine → client through the cluster beside the single-process path, in the same run: two systems side by side
/// (an engine and its linked bridge; a shard on NATS and a cluster bridge on PostgreSQL), the same market orders
/// through each, interleaved over rounds with the first side alternating; percentiles of all rounds for each and
/// the cluster-over-single ratio of the rounds' medians (median and range).
/// </summary>
internal static class OrderRoundTrips
{
    public static async Task RunAsync(TextWriter output, string root, int rounds, int orders)
    {
        output.WriteLine($"# Order round trip: POST /api/orders (bridge → engine link) beside POST /api/cluster/orders (bridge → NATS → shard), {rounds} rounds of {orders} orders, one at a time");
        if (!NatsServer.Installed || !PostgresServer.Installed)
        {
            output.WriteLine("order round trip: skipped, it needs nats-server and PostgreSQL 15 (Debian/Ubuntu: sudo apt-get install nats-server postgresql-15)");
            return;
        }

        using var nats = new NatsServer();
        using var postgres = new PostgresServer();
        await using var single = await SystemUnderTest.StartAsync(root, ticksPerSecond: 200, quoteRateHz: 10).ConfigureAwait(false);
        await using var cluster = await SystemUnderTest.StartAsync(root, ticksPerSecond: 200, quoteRateHz: 10, new ClusterSettings(nats.Url, postgres.ConnectionString)).ConfigureAwait(false);
        var sides = new (string Name, Uri Bridge, string Path, HistogramBase All)[]
        {
            ("single process", single.Address, "/api/orders", new LongHistogram(60_000_000, 3)),
            ("cluster", cluster.Address, "/api/cluster/orders", new LongHistogram(60_000_000, 3)),
        };
        foreach (var side in sides)
        {
            await OrderRun.WarmAsync(side.Bridge, side.Path).ConfigureAwait(false);
        }

        var ratios = new RatioSummary("order_round_trip_cluster_vs_single", "p50 per round, cluster over single");
        for (var r = 0; r < rounds; r++)
        {
            var medians = new double[2];
            foreach (var i in r % 2 == 0 ? new[] { 0, 1 } : [1, 0])
            {
                var round = new LongHistogram(60_000_000, 3);
                await OrderRun.RunAsync(sides[i].Bridge, sides[i].Path, orders, round).ConfigureAwait(false);
                sides[i].All.Add(round);
                medians[i] = round.GetValueAtPercentile(50);
            }

            ratios.Add(medians[1] / medians[0]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {r + 1}: p50 single {medians[0] / 1000:F2} ms, cluster {medians[1] / 1000:F2} ms"));
        }

        foreach (var (name, _, path, all) in sides)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"order round trip, {name} ({path}): n={all.TotalCount} p50={all.GetValueAtPercentile(50) / 1000.0:F2} ms p99={all.GetValueAtPercentile(99) / 1000.0:F2} ms p99.9={all.GetValueAtPercentile(99.9) / 1000.0:F2} ms max={all.GetMaxValue() / 1000.0:F2} ms"));
        }

        output.WriteLine(ratios.RangeLine());
        output.WriteLine(ratios.RatioLine());
    }
}
