namespace LowLatency.Analytics.Gann;

/// <summary>Pivot detection on candles: the extremes of a window, swing (fractal) highs and lows, and a zig-zag's turning points.</summary>
public static class Pivots
{
    /// <summary>The highest high and the lowest low of the last <paramref name="lookback"/> bars before <paramref name="end"/> (default: all), the first on ties.</summary>
    public static (Pivot High, Pivot Low) Extremes(IReadOnlyList<OhlcvBar> bars, int lookback, int? end = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count == 0)
        {
            throw new ArgumentException("no bars", nameof(bars));
        }

        var stop = Math.Min(end ?? bars.Count, bars.Count);
        var start = Math.Max(0, stop - lookback);
        var (hi, lo) = (start, start);
        for (var i = start; i < stop; i++)
        {
            hi = bars[i].High > bars[hi].High ? i : hi;
            lo = bars[i].Low < bars[lo].Low ? i : lo;
        }

        return (new Pivot(hi, bars[hi].OpenTimeMs, bars[hi].High, true), new Pivot(lo, bars[lo].OpenTimeMs, bars[lo].Low, false));
    }

    /// <summary>
    /// The original engine's automatic Square-of-9 centre: of the window's highest high and lowest low, the one
    /// nearer <paramref name="price"/> (ties go to the low).
    /// </summary>
    public static Pivot NearerExtreme(IReadOnlyList<OhlcvBar> bars, int lookback, double price, int? end = null)
    {
        var (high, low) = Extremes(bars, lookback, end);
        return Nearer(high, low, price);
    }

    /// <summary>Of a high and a low pivot, the one nearer <paramref name="price"/> (ties go to the low).</summary>
    public static Pivot Nearer(Pivot high, Pivot low, double price) => Math.Abs(high.Price - price) < Math.Abs(price - low.Price) ? high : low;

    /// <summary>
    /// Swing highs (a high above the <paramref name="strength"/> bars either side) and swing lows, in time order.
    /// The last <paramref name="strength"/> bars cannot be confirmed yet and give none.
    /// </summary>
    public static List<Pivot> Swings(IReadOnlyList<OhlcvBar> bars, int strength)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentOutOfRangeException.ThrowIfLessThan(strength, 1);
        var pivots = new List<Pivot>();
        for (var i = strength; i < bars.Count - strength; i++)
        {
            bool high = true, low = true;
            for (var k = 1; k <= strength && (high || low); k++)
            {
                high &= bars[i].High > bars[i - k].High && bars[i].High >= bars[i + k].High;
                low &= bars[i].Low < bars[i - k].Low && bars[i].Low <= bars[i + k].Low;
            }

            if (high)
            {
                pivots.Add(new Pivot(i, bars[i].OpenTimeMs, bars[i].High, true));
            }

            if (low)
            {
                pivots.Add(new Pivot(i, bars[i].OpenTimeMs, bars[i].Low, false));
            }
        }

        return pivots;
    }

    /// <summary>
    /// Zig-zag turning points: from the first close, a new pivot each time price reverses from the running extreme
    /// (highs going up, lows going down) by at least <paramref name="reversal"/>; the last pivot is the extreme of
    /// the leg in progress. The first pivot is a low when the first leg rises.
    /// </summary>
    public static List<Pivot> ZigZag(IReadOnlyList<OhlcvBar> bars, double reversal)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count == 0)
        {
            throw new ArgumentException("no bars", nameof(bars));
        }

        var pivots = new List<(int Index, double Price)> { (0, bars[0].Close) };
        var direction = 0;
        var extremeIndex = 0;
        var extreme = bars[0].Close;
        for (var i = 1; i < bars.Count; i++)
        {
            var (high, low) = (bars[i].High, bars[i].Low);
            if (direction >= 0 && high > extreme)
            {
                (extreme, extremeIndex) = (high, i);
                direction = direction == 0 ? (high - pivots[0].Price >= reversal ? 1 : 0) : 1;
            }
            else if (direction <= 0 && low < extreme)
            {
                (extreme, extremeIndex) = (low, i);
                direction = direction == 0 ? (pivots[0].Price - low >= reversal ? -1 : 0) : -1;
            }

            if (direction > 0 && extreme - low >= reversal)
            {
                pivots.Add((extremeIndex, extreme));
                (direction, extreme, extremeIndex) = (-1, low, i);
            }
            else if (direction < 0 && high - extreme >= reversal)
            {
                pivots.Add((extremeIndex, extreme));
                (direction, extreme, extremeIndex) = (1, high, i);
            }
        }

        if (extremeIndex != pivots[^1].Index)
        {
            pivots.Add((extremeIndex, extreme)); // the leg in progress
        }

        var result = new List<Pivot>(pivots.Count);
        for (var i = 0; i < pivots.Count; i++)
        {
            // A pivot is a high when the price after it is lower (the last: when the price before it is lower).
            var isHigh = i + 1 < pivots.Count ? pivots[i + 1].Price < pivots[i].Price : i > 0 && pivots[i - 1].Price < pivots[i].Price;
            result.Add(new Pivot(pivots[i].Index, bars[pivots[i].Index].OpenTimeMs, pivots[i].Price, isHigh));
        }

        return result;
    }
}
