using System.Globalization;
using System.Text.Json;
using LowLatency.Bridge.Configuration;
using LowLatency.Engine.Backtest;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.Strategies;
using Microsoft.Extensions.Options;

namespace LowLatency.Bridge.Analytics;

/// <summary>
/// Tunes an ensemble strategy's vote weights (<c>POST /api/strategies/optimize</c>): the strategy's own weights,
/// equal weights, and each component doubled or switched off, each backtested on the engine's backtester over
/// the history store's bars where they cover the range, else the same seeded synthetic history (at most a million
/// ticks per run), ranked by the chosen metric:
/// <c>return</c> (total return), <c>winrate</c>, <c>sharpe</c>, <c>profit</c> (net profit) or <c>combined</c>
/// (Sharpe + return + win rate), scored by <see cref="BacktestObjectives"/>: return and win rate as fractions.
/// </summary>
public sealed class WeightOptimizer(InstrumentRegistry registry, AccountOptions account, RiskLimits risk, BacktestService backtests, IOptions<BridgeOptions> options)
{
    public static readonly string[] Metrics = ["return", "winrate", "sharpe", "profit", "combined"]; // of BacktestObjectives
    private long _runs;

    /// <summary>Optimisations finished since the bridge started.</summary>
    public long Runs => Interlocked.Read(ref _runs);
    private const long MaxTicks = 1_000_000;

    /// <summary>The first ensemble strategy file (the one whose weights the frontend's optimiser tunes), or an error text.</summary>
    public (StrategyDefinition? Definition, string File, string? Error) Ensemble()
    {
        var chosen = StrategyLoader.LoadDefinitions(options.Value.Strategies).FirstOrDefault(d => d.Definition.Type == "ensemble");
        return chosen.Definition is null ? (null, "", "no ensemble strategy file to tune") : (chosen.Definition, chosen.File, null);
    }

    public async Task<object> RunAsync(StrategyDefinition definition, string file, Instrument instrument, Timeframe timeframe, string metric, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(instrument);
        var baseWeights = definition.Parameters.TryGetValue("weights", out var w) && w.ValueKind == JsonValueKind.Object
            ? EnsembleStrategy.Components.ToDictionary(c => c, c => w.TryGetProperty(c, out var v) && v.TryGetDouble(out var d) ? d : 0)
            : EnsembleStrategy.Components.ToDictionary(c => c, _ => 0.2);
        var candidates = Candidates(baseWeights);
        var history = backtests.Stored(instrument, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        var ranked = await backtests.ExclusiveAsync(() => candidates
            .Select(weights => (Weights: weights, Metrics: Backtest(definition, file, instrument, timeframe, weights, from, to, history)))
            .OrderByDescending(r => BacktestObjectives.Score(r.Metrics, metric))
            .ToList()).ConfigureAwait(false);
        var name = timeframe.Name();
        Interlocked.Increment(ref _runs);
        return new
        {
            success = true,
            strategy = definition.Name,
            symbol = instrument.Symbol,
            timeframe = name,
            metric,
            candidates = ranked.Count,
            dataSource = history?.Source ?? PriceSources.Synthetic,
            results = ranked.Take(3).Select(r => new
            {
                timeframe = name,
                weights = Normalise(r.Weights).Select(p => new { name = p.Key, weight = p.Value }).ToList(),
                performance = Describe(r.Metrics),
                score = Math.Round(BacktestObjectives.Score(r.Metrics, metric), 6),
            }).ToList(),
            timestamp = Api.Timestamps.Now(),
        };
    }

    private static List<Dictionary<string, double>> Candidates(Dictionary<string, double> baseWeights)
    {
        var list = new List<Dictionary<string, double>> { new(baseWeights), EnsembleStrategy.Components.ToDictionary(c => c, _ => 0.2) };
        foreach (var component in EnsembleStrategy.Components)
        {
            list.Add(baseWeights.ToDictionary(p => p.Key, p => p.Key == component ? Math.Max(p.Value * 2, 0.1) : p.Value));
            if (baseWeights.Where(p => p.Key != component).Sum(p => p.Value) > 0)
            {
                list.Add(baseWeights.ToDictionary(p => p.Key, p => p.Key == component ? 0 : p.Value));
            }
        }

        return list;
    }

    private BacktestMetrics Backtest(StrategyDefinition definition, string file, Instrument instrument, Timeframe timeframe, Dictionary<string, double> weights, DateTimeOffset from, DateTimeOffset to, HistoryBars? history)
    {
        var parameters = new Dictionary<string, JsonElement>(definition.Parameters) { ["weights"] = JsonSerializer.SerializeToElement(weights) };
        var tuned = definition with { Name = $"{definition.Name}-tuning", Timeframe = timeframe.Name(), Parameters = parameters };
        return StrategyBacktest.Run(registry, tuned, file, instrument, from, to, MaxTicks, (ulong)options.Value.SyntheticSeed, account, risk, history).Metrics;
    }

    private static Dictionary<string, double> Normalise(Dictionary<string, double> weights)
    {
        var sum = weights.Values.Sum();
        return weights.ToDictionary(p => p.Key, p => sum > 0 ? Math.Round(p.Value / sum, 4) : 0);
    }

    private static string Describe(BacktestMetrics m) => string.Create(CultureInfo.InvariantCulture,
        $"return {m.TotalReturnPercent:F2} %, Sharpe {m.SharpeRatio:F2}, win rate {m.WinRatePercent:F1} %, {m.Trades} trades, max drawdown {m.MaxDrawdownPercent:F2} %");
}
