using LowLatency.Analytics;

namespace LowLatency.Engine.MarketData;

/// <summary>
/// Aggregates trades into OHLCV bars for every configured timeframe of every instrument, incrementally and
/// without allocation: one pre-allocated bar per (instrument, timeframe). A bar closes when a trade falls in a
/// later bucket (buckets without trades produce no bar). A trade older than the open bar is refused.
/// </summary>
public sealed class BarAggregator
{
    private readonly Timeframe[] _timeframes;
    private readonly OhlcvBar[] _bars;
    private readonly bool[] _open;

    // End (exclusive) of each open bar's bucket: a trade before it and not before the open is in the same bar,
    // which spares the bucket arithmetic (a calendar conversion for months) on almost every trade.
    private readonly long[] _bucketEnd;

    public BarAggregator(int instrumentCount, IReadOnlyList<Timeframe> timeframes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(instrumentCount, 1);
        ArgumentNullException.ThrowIfNull(timeframes);
        if (timeframes.Count == 0 || timeframes.Distinct().Count() != timeframes.Count)
        {
            throw new ArgumentException("Give at least one timeframe, each once.", nameof(timeframes));
        }

        _timeframes = [.. timeframes];
        InstrumentCount = instrumentCount;
        _bars = new OhlcvBar[instrumentCount * _timeframes.Length];
        _open = new bool[_bars.Length];
        _bucketEnd = new long[_bars.Length];
    }

    public int InstrumentCount { get; }

    public IReadOnlyList<Timeframe> Timeframes => _timeframes;

    /// <summary>Trades refused because they were late, or had a bad price or size.</summary>
    public long Rejected { get; private set; }

    /// <summary>
    /// Adds one trade. Returns false, changing nothing, for an unknown instrument, a price that is not positive
    /// and finite, a negative or non-finite size, or a trade older than an open bar of this instrument.
    /// </summary>
    public bool OnTrade(int instrumentId, long timestampMs, double price, double size, IBarSink sink)
    {
        if ((uint)instrumentId >= (uint)InstrumentCount || !double.IsFinite(price) || price <= 0 || !double.IsFinite(size) || size < 0)
        {
            Rejected++;
            return false;
        }

        var first = instrumentId * _timeframes.Length;
        for (var t = 0; t < _timeframes.Length; t++)
        {
            if (_open[first + t] && timestampMs < _bars[first + t].OpenTimeMs)
            {
                Rejected++;
                return false;
            }
        }

        for (var t = 0; t < _timeframes.Length; t++)
        {
            ref var bar = ref _bars[first + t];
            if (_open[first + t] && timestampMs < _bucketEnd[first + t])
            {
                bar.High = Math.Max(bar.High, price);
                bar.Low = Math.Min(bar.Low, price);
                bar.Close = price;
                bar.Volume += size;
                bar.Trades++;
                continue;
            }

            if (_open[first + t])
            {
                sink.OnBarClosed(instrumentId, _timeframes[t], in bar);
            }

            var bucket = _timeframes[t].BucketStart(timestampMs);
            bar = new OhlcvBar { OpenTimeMs = bucket, Open = price, High = price, Low = price, Close = price, Volume = size, Trades = 1 };
            _bucketEnd[first + t] = _timeframes[t].NextBucketStart(bucket);
            _open[first + t] = true;
        }

        return true;
    }

    /// <summary>The bar still being built, if any trade has arrived for it.</summary>
    public bool TryGetOpenBar(int instrumentId, Timeframe timeframe, out OhlcvBar bar)
    {
        var t = Array.IndexOf(_timeframes, timeframe);
        if ((uint)instrumentId >= (uint)InstrumentCount || t < 0 || !_open[(instrumentId * _timeframes.Length) + t])
        {
            bar = default;
            return false;
        }

        bar = _bars[(instrumentId * _timeframes.Length) + t];
        return true;
    }
}
