using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using LowLatency.Benchmarks.Workloads;
using LowLatency.ClusterServers;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.EventStream;
using NATS.Client.Core;

namespace LowLatency.Benchmarks.Harness;

/// <summary>
/// Orders through the cluster's command path on a real <c>nats-server</c>: one shard process owning two instruments,
/// then two shard processes owning one each (<c>LowLatency.Engine.Host engine</c>, journals fsynced every batch as
/// shipped), interleaved over rounds. Each round sends the same market orders, alternating instruments, a fixed
/// number in flight, each a NATS request answered once the shard's trading thread has decided it; reports
/// orders/s, the 2-vs-1 ratio, and the round trip's percentiles (client → NATS → shard → client), HdrHistogram.
/// </summary>
internal static class ShardRun
{
    private const int InFlight = 8;
    private static readonly string[] Symbols = ["BTC-USD", "BNBUSDT"];

    public static void Run(TextWriter output, int rounds, int orders)
    {
        if (!NatsServer.Installed)
        {
            output.WriteLine("shards: skipped, nats-server is not installed (Debian/Ubuntu: sudo apt-get install nats-server)");
            return;
        }

        using var nats = new NatsServer();
        RunAsync(output, nats.Url, rounds, orders).GetAwaiter().GetResult();
    }

    private static async Task RunAsync(TextWriter output, string url, int rounds, int orders)
    {
        await using var connection = new NatsConnection(new NatsOpts { Url = url });
        var (one, two, ratios) = (new List<double>(), new List<double>(), new RatioSummary("shards_two_vs_one", "orders/s over NATS request/reply, 2 shard processes over 1"));
        var latency = new Dictionary<int, HistogramBase> { [1] = Nanoseconds.NewHistogram(), [2] = Nanoseconds.NewHistogram() };
        for (var r = 0; r < rounds; r++)
        {
            // alternate which layout goes first: the machine's fast and slow spells fall on both
            var first = r % 2 == 0 ? 1 : 2;
            var rates = new Dictionary<int, double>();
            foreach (var shards in new[] { first, 3 - first })
            {
                rates[shards] = await RoundAsync(connection, url, shards, orders, latency[shards]).ConfigureAwait(false);
            }

            (one, two) = ([.. one, rates[1]], [.. two, rates[2]]);
            ratios.Add(rates[2] / rates[1]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {r + 1}: 1 shard {rates[1]:F0} orders/s, 2 shards {rates[2]:F0} orders/s"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"shards orders/s: 1 shard {RatioSummary.MedianOf(one):F0} (range {one.Min():F0} .. {one.Max():F0}), 2 shards {RatioSummary.MedianOf(two):F0} (range {two.Min():F0} .. {two.Max():F0}); {orders} orders per round, {InFlight} in flight, {Environment.ProcessorCount} cores"));
        foreach (var (shards, histogram) in latency)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"shards order round trip, {shards} shard(s), all rounds: p50 {Micros(histogram, 50)} µs, p99 {Micros(histogram, 99)} µs, p99.9 {Micros(histogram, 99.9)} µs, max {histogram.GetMaxValue() / 1000} µs ({histogram.TotalCount} orders)"));
        }

        output.WriteLine(ratios.RangeLine());
        output.WriteLine(ratios.RatioLine());
    }

    private static long Micros(HistogramBase histogram, double percentile) => histogram.GetValueAtPercentile(percentile) / 1000;

    private static async Task<double> RoundAsync(NatsConnection connection, string url, int shards, int orders, HistogramBase latency)
    {
        var names = Enumerable.Range(1, shards).Select(s => $"bench{shards}s{s}").ToArray();
        var map = shards == 1
            ? new Dictionary<string, IReadOnlyList<string>> { [names[0]] = Symbols }
            : new Dictionary<string, IReadOnlyList<string>> { [names[0]] = [Symbols[0]], [names[1]] = [Symbols[1]] };
        var directory = Directory.CreateTempSubdirectory("ll-bench-shards-").FullName;
        var processes = names.Select(name => Shard(directory, url, name, map)).ToList();
        try
        {
            var client = new ShardCommandClient(connection, new ShardMap(map, TradingSetup.Registry), names[0]);
            foreach (var symbol in Symbols)
            {
                await PricedAsync(client, symbol).ConfigureAwait(false); // each shard up, priced and jitted
            }

            var next = -1;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, InFlight).Select(async _ =>
            {
                for (var i = Interlocked.Increment(ref next); i < orders; i = Interlocked.Increment(ref next))
                {
                    var start = Stopwatch.GetTimestamp();
                    var result = await client.SendAsync(Order(Symbols[i % 2], i / 2 % 2 == 0 ? Side.Buy : Side.Sell), TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
                    var end = Stopwatch.GetTimestamp();
                    if (result.Reason != RejectReason.None)
                    {
                        throw new InvalidOperationException($"order {i} refused: {result.Reason}");
                    }

                    lock (latency)
                    {
                        Nanoseconds.Record(latency, start, end);
                    }
                }
            })).ConfigureAwait(false);
            return orders / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            processes.ForEach(ServerProcess.Kill);
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Command Order(string symbol, Side side) => new()
    {
        Type = CommandType.SubmitOrder, InstrumentId = TradingSetup.Registry.TryResolve(symbol, out var instrument) ? instrument.Id : -1, Side = side,
        OrderType = OrderType.Market, TimeInForce = TimeInForce.Ioc, QuantityLots = 10,
    };

    /// <summary>Sends orders until the owning shard answers with a price (its process started, its feed ticking), bounded.</summary>
    private static async Task PricedAsync(ShardCommandClient client, string symbol)
    {
        var deadline = Environment.TickCount64 + 60_000;
        for (var i = 0; ; i++)
        {
            try
            {
                var result = await client.SendAsync(Order(symbol, i % 2 == 0 ? Side.Buy : Side.Sell), TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
                if (result.Reason == RejectReason.None && i >= 20)
                {
                    return;
                }
            }
            catch (ShardCommandException) when (Environment.TickCount64 < deadline)
            {
                await Task.Delay(50).ConfigureAwait(false); // the process is still starting: nothing answers yet
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"the shard owning {symbol} did not take orders within a minute");
            }
        }
    }

    private static Process Shard(string directory, string url, string name, Dictionary<string, IReadOnlyList<string>> map) =>
        ShardProcess.Start(TradingSetup.Root, directory, url, name, ticksPerSecond: 200, maxOrdersPerSecond: 100_000, System.Text.Json.JsonSerializer.Serialize(map));
}
