using LowLatency.Analytics;
using LowLatency.Engine.MarketData;

namespace LowLatency.Engine.Backtest;

/// <summary>Stored bars of one instrument and timeframe, oldest first, read once for a job whose backtests each take a window of them.</summary>
public sealed record HistoryBars(Timeframe Timeframe, IReadOnlyList<OhlcvBar> Bars, string Source)
{
    /// <summary>The bars opening in [<paramref name="fromMs"/>, <paramref name="toMs"/>).</summary>
    public IReadOnlyList<OhlcvBar> Between(long fromMs, long toMs)
    {
        var first = LowerBound(fromMs);
        var end = LowerBound(toMs);
        var slice = new OhlcvBar[Math.Max(0, end - first)];
        for (var i = 0; i < slice.Length; i++)
        {
            slice[i] = Bars[first + i];
        }

        return slice;
    }

    private int LowerBound(long timeMs)
    {
        var (lo, hi) = (0, Bars.Count);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Bars[mid].OpenTimeMs < timeMs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
