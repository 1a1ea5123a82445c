using LowLatency.Analytics;
using LowLatency.Bridge.Storage;
using LowLatency.Engine.MarketData;

namespace LowLatency.Bridge.Engine;

/// <summary>
/// The engine's closed one-minute bars into the history: each stored once, and folded into the higher timeframes
/// (open, high, low, close as trades at the bar's open time, the volume on the close), whose closed bars are stored
/// too. The engine replays its recent bars to every bridge that connects, so bars arrive again: a bar at or before
/// the last one folded is ignored, a minute already in the store is folded but not written again, and a higher
/// timeframe's bar is written only when its first minute was folded here — a partial fold (its bucket began
/// before this process saw any bar) never overwrites a stored one. Exact: a written higher-timeframe bar is the
/// fold of its minutes. Not thread-safe (the read model calls it under its lock).
/// </summary>
internal sealed class EngineBarFold : IBarSink
{
    private readonly HistoryProjection _history;
    private readonly BarAggregator _folds;
    private readonly long[] _firstFolded;
    private readonly long[] _lastFolded;
    private long[]? _lastStored;

    public EngineBarFold(InstrumentRegistry registry, HistoryProjection history)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _history = history;
        _folds = new BarAggregator(registry.Count, [.. Timeframes.All.Where(t => t != Timeframe.M1)]);
        _firstFolded = [.. Enumerable.Repeat(long.MaxValue, registry.Count)];
        _lastFolded = [.. Enumerable.Repeat(long.MinValue, registry.Count)];
    }

    public void OnBar(int instrumentId, in OhlcvBar bar)
    {
        _lastStored ??= _history.LastEngineMinutes();
        var t = bar.OpenTimeMs;
        if (t <= _lastFolded[instrumentId])
        {
            return; // replayed, already folded
        }

        _firstFolded[instrumentId] = Math.Min(_firstFolded[instrumentId], t);
        _lastFolded[instrumentId] = t;
        if (t > _lastStored[instrumentId])
        {
            _history.OnBarClosed(instrumentId, Timeframe.M1, bar);
        }

        _folds.OnTrade(instrumentId, t, bar.Open, 0, this);
        _folds.OnTrade(instrumentId, t, bar.High, 0, this);
        _folds.OnTrade(instrumentId, t, bar.Low, 0, this);
        _folds.OnTrade(instrumentId, t, bar.Close, bar.Volume, this);
    }

    void IBarSink.OnBarClosed(int instrumentId, Timeframe timeframe, in OhlcvBar bar)
    {
        if (bar.OpenTimeMs >= _firstFolded[instrumentId])
        {
            _history.OnBarClosed(instrumentId, timeframe, bar);
        }
    }
}
