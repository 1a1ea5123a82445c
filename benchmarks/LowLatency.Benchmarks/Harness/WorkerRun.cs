using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LowLatency.Benchmarks.Workloads;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.Strategies;
using LowLatency.ClusterServers;
using LowLatency.Work;
using NATS.Client.Core;

namespace LowLatency.Benchmarks.Harness;

/// <summary>
/// Optimiser backtests through the JetStream work queue: a real <c>nats-server</c>, and 1 then 2 worker processes
/// (<c>LowLatency.Engine.Host worker --concurrency 1</c>, each warmed up first), interleaved over rounds; each round
/// queues the same batch of mama-fama-btc backtests (30-day windows, as the optimiser runs them) at once and times it to the last result.
/// Reports backtests/s for each and the 2-vs-1 ratio (median and range over rounds).
/// </summary>
internal static class WorkerRun
{
    public static void Run(TextWriter output, int rounds, int backtests)
    {
        if (!NatsServer.Installed)
        {
            output.WriteLine("workers: skipped, nats-server is not installed (Debian/Ubuntu: sudo apt-get install nats-server)");
            return;
        }

        using var nats = new NatsServer();
        RunAsync(output, nats.Url, rounds, backtests).GetAwaiter().GetResult();
    }

    private static async Task RunAsync(TextWriter output, string url, int rounds, int backtests)
    {
        await using var client = new NatsConnection(new NatsOpts { Url = url });
        var (definition, file) = StrategyLoader.LoadDefinitions(TradingSetup.StrategiesDirectory).Single(d => d.Definition.Name == TradingSetup.StrategyName);
        var from = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var (one, two, ratios) = (new List<double>(), new List<double>(), new RatioSummary("workers_two_vs_one", "backtests/s through the queue, 2 worker processes over 1"));
        var jobs = 0;
        async Task<double> RateAsync(int workers)
        {
            var processes = Enumerable.Range(0, workers).Select(w => Worker(url, $"bench-{workers}-{w}")).ToList();
            try
            {
                await BatchAsync(client, $"warm{++jobs}", definition, file, from, workers * 2).ConfigureAwait(false); // each process started and jitted
                var watch = Stopwatch.StartNew();
                await BatchAsync(client, $"timed{++jobs}", definition, file, from, backtests).ConfigureAwait(false);
                return backtests / watch.Elapsed.TotalSeconds;
            }
            finally
            {
                foreach (var process in processes)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                    process.Dispose();
                }
            }
        }

        for (var r = 0; r < rounds; r++)
        {
            // alternate which side goes first: the machine's fast and slow spells fall on both
            var (a, b) = r % 2 == 0 ? (await RateAsync(1).ConfigureAwait(false), await RateAsync(2).ConfigureAwait(false)) : Swap(await RateAsync(2).ConfigureAwait(false), await RateAsync(1).ConfigureAwait(false));
            (one, two) = ([.. one, a], [.. two, b]);
            ratios.Add(b / a);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {r + 1}: 1 worker {a:F2}/s, 2 workers {b:F2}/s"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"workers backtests/s: 1 process {RatioSummary.MedianOf(one):F2}, 2 processes {RatioSummary.MedianOf(two):F2} ({backtests} per batch, 30-day windows of at most 200 k ticks, as the API's optimiser runs them; {Environment.ProcessorCount} cores)"));
        output.WriteLine(ratios.RangeLine());
        output.WriteLine(ratios.RatioLine());
    }

    private static (double, double) Swap(double two, double one) => (one, two);

    /// <summary>Queues <paramref name="count"/> backtests at once (a spread of fast limits) and waits for every result.</summary>
    private static async Task BatchAsync(NatsConnection client, string job, StrategyDefinition definition, string file, DateTimeOffset from, int count)
    {
        await using var remote = await RemoteWorkJob.OpenAsync(client, job, TimeSpan.FromMinutes(5), CancellationToken.None).ConfigureAwait(false);
        var tasks = Enumerable.Range(0, count).Select(i =>
        {
            var parameters = new Dictionary<string, JsonElement>(definition.Parameters) { ["fastLimit"] = JsonSerializer.SerializeToElement(0.3 + (0.6 * i / Math.Max(1, count - 1))) };
            return remote.RunAsync(new BacktestTask
            {
                Job = job, Task = remote.NextTask(), Definition = definition with { Parameters = parameters }, File = file, Symbol = "BTC-USD", From = from, To = from.AddDays(30),
                MaxTicks = 200_000, Seed = 42, Account = new AccountOptions(), Risk = new RiskLimits(),
            }, CancellationToken.None);
        });
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private static Process Worker(string url, string name)
    {
        var host = Path.Combine(TradingSetup.Root, "engine", "LowLatency.Engine.Host", "bin", "Release", "net10.0", "LowLatency.Engine.Host.dll");
        return ServerProcess.Start(new ProcessStartInfo("dotnet", [host, "worker", "--nats", url, "--concurrency", "1", "--name", name]) { WorkingDirectory = TradingSetup.Root });
    }
}
