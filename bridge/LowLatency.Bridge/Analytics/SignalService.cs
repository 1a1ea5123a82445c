using LowLatency.Bridge.Api;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Strategies;

namespace LowLatency.Bridge.Analytics;

/// <summary>
/// Signals for <c>GET /api/signals/{symbol}</c>: the backtest strategy for the instrument (the same strategy code
/// as the engine's) run over the last 200 daily candles; every bar where it decided becomes a signal: long →
/// <c>BUY</c>, short → <c>SELL</c>, flat → <c>NEUTRAL</c>, and a long or short with confidence under 0.5 →
/// <c>CAUTION</c>. The newest bar always ends the list (<c>NEUTRAL</c> when it brought no decision). When the
/// engine's own strategies have decided on the instrument since the bridge connected, those live signals are
/// returned instead.
/// </summary>
public sealed class SignalService(CandleService candles, BacktestService backtests, InstrumentRegistry registry, Engine.ReadModel model)
{
    private const int Lookback = 200;

    public async Task<(List<SignalView> Signals, string? Error)> ForAsync(Instrument instrument, string symbol, int limit)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var live = model.EngineSignals(instrument.Id);
        if (live.Count > 0)
        {
            return ([.. live.TakeLast(limit).Select(s => SignalView.From(s, symbol))], null);
        }

        var (definition, file, error) = backtests.ChooseStrategy(null, instrument);
        if (definition is null)
        {
            return ([], error);
        }

        var today = DateTimeOffset.UtcNow;
        var (bars, problem) = await candles.GetAsync(instrument, Timeframe.D1, today.AddDays(-Lookback), today).ConfigureAwait(false);
        if (problem is not null)
        {
            return ([], problem);
        }

        var strategy = StrategyLoader.Build([(definition with { Symbols = [instrument.Symbol], Enabled = true }, file)], registry)[0];
        var features = default(FeatureVector);
        var signals = new List<SignalView>();
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i].Bar;
            var ready = strategy.OnBar(bar, ref features);
            var decision = ready ? strategy.Decide(features) : default;
            var last = i == bars.Count - 1;
            if (decision.Direction == SignalDirection.None && !last)
            {
                continue;
            }

            var (name, message) = decision.Direction switch
            {
                SignalDirection.Long when decision.Confidence < 0.5 => ("CAUTION", $"{strategy.Name}: weak long signal"),
                SignalDirection.Short when decision.Confidence < 0.5 => ("CAUTION", $"{strategy.Name}: weak short signal"),
                SignalDirection.Long => ("BUY", $"{strategy.Name}: long"),
                SignalDirection.Short => ("SELL", $"{strategy.Name}: short"),
                SignalDirection.Flat => ("NEUTRAL", $"{strategy.Name}: flat"),
                _ => ("NEUTRAL", ready ? $"{strategy.Name}: no new signal on the latest bar" : $"{strategy.Name}: warming up ({i + 1} bars)"),
            };
            signals.Add(new SignalView(Timestamps.Iso(bar.OpenTimeMs), symbol, name, Math.Round(double.IsFinite(decision.Confidence) ? Math.Clamp(decision.Confidence, 0, 1) : 0, 4), Math.Round(bar.Close, 8), message));
        }

        return ([.. signals.TakeLast(limit)], null);
    }
}
