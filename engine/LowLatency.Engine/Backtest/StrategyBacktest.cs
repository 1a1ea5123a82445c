using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.Strategies;

namespace LowLatency.Engine.Backtest;

/// <summary>
/// One strategy definition backtested on one instrument: over the stored bars of <c>history</c> inside the window
/// when given, else over seeded synthetic ticks, at most <c>maxTicks</c> of them (a tick a second or sparser). The
/// unit of work of the optimisers and their benchmark. Thread-safe: every call builds its own strategy, source and pipeline.
/// </summary>
public static class StrategyBacktest
{
    /// <param name="progress">Told the share of the run done, from 0 to 1.</param>
    public static BacktestResult Run(InstrumentRegistry registry, StrategyDefinition definition, string file, Instrument instrument, DateTimeOffset from, DateTimeOffset to, long maxTicks, ulong seed,
        AccountOptions account, RiskLimits risk, HistoryBars? history = null, Action<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(instrument);
        var strategies = StrategyLoader.Build([(definition with { Symbols = [instrument.Symbol], Enabled = true }, file)], registry);
        var (fromMs, toMs) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        using ITickSource source = history is not null
            ? new StoredBarTickSource(history.Between(fromMs, toMs), instrument, history.Timeframe, history.Source)
            : new SimulatedTickSource(registry, [instrument.Id], fromMs, toMs, Math.Max(1000, (toMs - fromMs) / Math.Max(1, maxTicks)), new SimulatorOptions { Seed = seed });
        return BacktestRunner.Run(registry, strategies, source, new BacktestOptions { Account = account, Risk = risk, Progress = progress }, from, to, synthetic: history is null);
    }
}
