using System.Diagnostics;
using System.Globalization;
using LowLatency.Analytics.Optimisation;
using LowLatency.Benchmarks.Workloads;
using LowLatency.Engine.Backtest;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.Strategies;

namespace LowLatency.Benchmarks.Harness;

/// <summary>
/// The optimiser's throughput: random search over mama-fama-btc's declared parameters, one backtest per point
/// (<see cref="StrategyBacktest"/>, a 30-day window of at most 200,000 ticks, as the API's optimiser runs them),
/// with one worker and with every core, interleaved over rounds. Reports backtests/s for each and the speed-up
/// (median and range of the per-round ratios).
/// </summary>
internal static class OptimiserRun
{
    public static void Run(TextWriter output, int rounds, int backtestsPerSide)
    {
        var registry = TradingSetup.Registry;
        var (definition, file) = StrategyLoader.LoadDefinitions(TradingSetup.StrategiesDirectory).Single(d => d.Definition.Name == TradingSetup.StrategyName);
        var btc = registry.TryResolve("BTC-USD", out var found) ? found : throw new InvalidOperationException("BTC-USD is not in config/instruments.json");
        var space = new Dimension[] { Dimension.Continuous("fastLimit", 0.3, 0.9), Dimension.Continuous("slowLimit", 0.01, 0.1) };
        var from = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        (double, bool, object?) Evaluate(object[] values, CancellationToken _)
        {
            var parameters = new Dictionary<string, System.Text.Json.JsonElement>(definition.Parameters)
            {
                ["fastLimit"] = System.Text.Json.JsonSerializer.SerializeToElement(values[0]),
                ["slowLimit"] = System.Text.Json.JsonSerializer.SerializeToElement(values[1]),
            };
            var result = StrategyBacktest.Run(registry, definition with { Parameters = parameters }, file, btc, from, from.AddDays(30), 200_000, 42, new AccountOptions(), new RiskLimits());
            return (result.Metrics.SharpeRatio, true, null);
        }

        double Rate(int parallelism)
        {
            var watch = Stopwatch.StartNew();
            ParameterSearch.Run(space, SearchMethod.Random, backtestsPerSide, Evaluate, seed: 1, parallelism, null, CancellationToken.None);
            return backtestsPerSide / watch.Elapsed.TotalSeconds;
        }

        Rate(1); // warm-up
        var cores = Environment.ProcessorCount;
        var (single, all, ratios) = (new List<double>(), new List<double>(), new List<double>());
        for (var r = 0; r < rounds; r++)
        {
            var one = Rate(1);
            var many = Rate(cores);
            (single, all, ratios) = ([.. single, one], [.. all, many], [.. ratios, many / one]);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"optimiser backtests/s: 1 worker {Median(single):F2}, {cores} workers {Median(all):F2} (30-day windows, 200 k ticks each, {backtestsPerSide} per side, {rounds} rounds)"));
        ratios.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio optimiser_all_cores_vs_one {Median(ratios):F2} (range {ratios[0]:F2} – {ratios[^1]:F2})"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
