using System.Text.Json;
using LowLatency.Engine.Backtest;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Strategies;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.Backtest;

public sealed class BacktestTests
{
    private static readonly DateTimeOffset From = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2024, 1, 15, 0, 0, 0, TimeSpan.Zero);

    [TestCase("mama-fama-btc")]
    [TestCase("gann-sq9-eth")]
    [TestCase("ensemble-xau")]
    public void Same_input_gives_the_same_trades_bit_for_bit(string strategy)
    {
        var first = Run(strategy);
        var second = Run(strategy);
        Assert.That(first.Trades, Is.Not.Empty, "the strategy should trade on two weeks of synthetic history");
        Assert.That(Json(second.Trades), Is.EqualTo(Json(first.Trades)));
        Assert.That(Json(second.Metrics), Is.EqualTo(Json(first.Metrics)));
        TestContext.Out.WriteLine($"{strategy}: {first.Ticks} ticks, {first.Trades.Count} fills, return {first.Metrics.TotalReturnPercent:F2}%, {first.TicksPerSecond:F0} ticks/s");
    }

    internal static BacktestResult Run(string strategyName, long intervalMs = 1000)
    {
        var registry = Shipped.Registry;
        var strategies = StrategyLoader.Build([.. StrategyLoader.LoadDefinitions(Shipped.StrategiesDirectory).Where(d => d.Definition.Name == strategyName)], registry);
        Assert.That(strategies, Is.Not.Empty);
        using var source = new SimulatedTickSource(registry, [strategies[0].Instrument.Id], From.ToUnixTimeMilliseconds(), To.ToUnixTimeMilliseconds(), intervalMs, new SimulatorOptions { Seed = 42 });
        return BacktestRunner.Run(registry, strategies, source, new BacktestOptions(), From, To, synthetic: true);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
