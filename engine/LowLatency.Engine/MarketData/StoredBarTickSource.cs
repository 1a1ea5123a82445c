using LowLatency.Analytics;

namespace LowLatency.Engine.MarketData;

/// <summary>
/// Bars read from the history store, replayed as trades (<see cref="BarTicks"/>) in time order: what a backtest
/// runs on when the store covers its range. The bars' source (imported, a feed's) is the prices' source.
/// </summary>
public sealed class StoredBarTickSource : ITickSource
{
    private readonly IReadOnlyList<OhlcvBar> _bars;
    private readonly Instrument _instrument;
    private readonly Timeframe _timeframe;
    private readonly Tick[] _pending = new Tick[4];
    private int _next;
    private int _pendingCount;
    private int _pendingNext;

    public StoredBarTickSource(IReadOnlyList<OhlcvBar> bars, Instrument instrument, Timeframe timeframe, string source)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(instrument);
        (_bars, _instrument, _timeframe, Source) = (bars, instrument, timeframe, source);
        Description = bars.Count == 0 ? $"stored {timeframe.Name()} bars (none)"
            : $"stored {timeframe.Name()} bars ({source}) {DateTimeOffset.FromUnixTimeMilliseconds(bars[0].OpenTimeMs):yyyy-MM-dd HH:mm} → {DateTimeOffset.FromUnixTimeMilliseconds(bars[^1].OpenTimeMs):yyyy-MM-dd HH:mm}, {bars.Count} bars";
    }

    public string Description { get; }

    public string Source { get; }

    /// <summary>Bars whose prices the instrument's ticks cannot hold.</summary>
    public int Skipped { get; private set; }

    /// <summary>How many bars the source holds.</summary>
    public int Bars => _bars.Count;

    public double Progress => _bars.Count == 0 ? 1 : (double)_next / _bars.Count;

    public bool TryNext(ref Tick tick)
    {
        while (_pendingNext >= _pendingCount)
        {
            if (_next >= _bars.Count)
            {
                return false;
            }

            var b = _bars[_next++];
            if (!Ticks(b.Open, out var open) || !Ticks(b.High, out var high) || !Ticks(b.Low, out var low) || !Ticks(b.Close, out var close))
            {
                Skipped++; // a price the instrument's ticks cannot hold: not tradable, counted and said
                continue;
            }

            _pendingCount = BarTicks.Expand(_instrument, b.OpenTimeMs, _timeframe.NextBucketStart(b.OpenTimeMs) - b.OpenTimeMs, open, high, low, close, b.Volume, _pending);
            _pendingNext = 0;
        }

        tick = _pending[_pendingNext++];
        return true;
    }

    public void Dispose()
    {
    }

    private bool Ticks(double price, out long ticks) => _instrument.TryRoundToTicks(price, out ticks) && ticks > 0;
}
