namespace LowLatency.Analytics.Gann;

/// <summary>Pivot detection on candles: the extremes of a window, and swing (fractal) highs and lows.</summary>
public static class Pivots
{
    /// <summary>The highest high and the lowest low of the last <paramref name="lookback"/> bars before <paramref name="end"/> (default: all), the first on ties.</summary>
    public static (Pivot High, Pivot Low) Extremes(IReadOnlyList<PriceBar> bars, int lookback, int? end = null)
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

        return (new Pivot(hi, bars[hi].TimeMs, bars[hi].High, true), new Pivot(lo, bars[lo].TimeMs, bars[lo].Low, false));
    }

    /// <summary>
    /// The original engine's automatic Square-of-9 centre: of the window's highest high and lowest low, the one
    /// nearer <paramref name="price"/> (ties go to the low).
    /// </summary>
    public static Pivot NearerExtreme(IReadOnlyList<PriceBar> bars, int lookback, double price, int? end = null)
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
    public static List<Pivot> Swings(IReadOnlyList<PriceBar> bars, int strength)
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
                pivots.Add(new Pivot(i, bars[i].TimeMs, bars[i].High, true));
            }

            if (low)
            {
                pivots.Add(new Pivot(i, bars[i].TimeMs, bars[i].Low, false));
            }
        }

        return pivots;
    }

    /// <summary>Wilder's average true range over the last <paramref name="period"/> bars' true ranges (a simple mean; NaN with too few bars).</summary>
    public static double AverageRange(IReadOnlyList<PriceBar> bars, int period = 14)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count < 2)
        {
            return bars.Count == 1 ? bars[0].High - bars[0].Low : double.NaN;
        }

        var n = Math.Min(period, bars.Count - 1);
        var sum = 0.0;
        for (var i = bars.Count - n; i < bars.Count; i++)
        {
            var previous = bars[i - 1].Close;
            sum += Math.Max(bars[i].High, previous) - Math.Min(bars[i].Low, previous);
        }

        return sum / n;
    }
}
