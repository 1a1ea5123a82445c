using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.Strategies;

namespace LowLatency.Benchmarks.Workloads;

/// <summary>
/// The trading pipeline as the benchmarks run it: the shipped instruments and one shipped strategy
/// (<c>mama-fama-btc</c>) on one instrument, over seeded synthetic ticks generated up front (so only the
/// pipeline is timed). Run from the repository root (<c>./run.sh bench</c> does).
/// </summary>
public static class TradingSetup
{
    public const string StrategyName = "mama-fama-btc";

    public static InstrumentRegistry Registry { get; } = InstrumentRegistry.Load(Path.Combine(FindRoot(), "config", "instruments.json"));

    public static string StrategiesDirectory => Path.Combine(FindRoot(), "config", "strategies");

    /// <summary>The repository root (where LowLatency.sln is).</summary>
    public static string Root => FindRoot();

    public static TradingPipeline NewPipeline(bool measureLatency, TimeSpan? warmOrderPathEvery = null)
    {
        var definitions = StrategyLoader.LoadDefinitions(StrategiesDirectory).Where(d => d.Definition.Name == StrategyName).ToArray();
        var strategies = StrategyLoader.Build(definitions, Registry);
        var pipeline = new TradingPipeline(Registry, strategies, new AccountOptions(), new RiskLimits { MaxOrdersPerSecond = 1000 }, new PaperExchangeOptions(), measureLatency, warmOrderPathEvery);
        var start = default(EngineEvent);
        start.SetCommand(new Command { Type = CommandType.Start }, 1, 0);
        pipeline.Process(ref start, 0, true);
        return pipeline;
    }

    /// <summary><paramref name="count"/> BTC ticks, one every <paramref name="intervalMs"/> of simulated time.</summary>
    public static Tick[] Ticks(int count, long intervalMs = 100)
    {
        var id = Registry.TryResolve("BTC-USD", out var btc) ? btc.Id : 0;
        const long start = 1_704_067_200_000; // 2024-01-01
        using var source = new SimulatedTickSource(Registry, [id], start, start + (count * intervalMs), intervalMs, new SimulatorOptions { Seed = 42 });
        var ticks = new Tick[count];
        for (var i = 0; i < count && source.TryNext(ref ticks[i]); i++)
        {
        }

        return ticks;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LowLatency.sln")))
            {
                return dir.FullName;
            }
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LowLatency.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Run the benchmarks inside the repository (config/ is read from its root).");
    }
}
