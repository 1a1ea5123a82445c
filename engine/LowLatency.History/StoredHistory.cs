using LowLatency.Engine.Backtest;
using LowLatency.Engine.MarketData;

namespace LowLatency.History;

/// <summary>
/// What the store can offer a run over a date range: the finest timeframe whose real bars (the simulator's left
/// out) cover it, ends included to within a few bars (a daily market's weekend, a few days), or nothing.
/// </summary>
public static class StoredHistory
{
    private const long DayMs = 86_400_000;

    /// <summary>The covering bars with their timeframe and source, or null when no timeframe covers [<paramref name="fromMs"/>, <paramref name="toMs"/>).</summary>
    public static HistoryBars? Covering(IBarStore store, string symbol, long fromMs, long toMs)
    {
        ArgumentNullException.ThrowIfNull(store);
        foreach (var timeframe in Timeframes.All)
        {
            if (store.RealCoverage(symbol, timeframe) is not { } coverage)
            {
                continue;
            }

            var start = timeframe.BucketStart(fromMs);
            var barMs = timeframe.NextBucketStart(start) - start;
            var slack = Math.Max(3 * barMs, timeframe >= Timeframe.D1 ? 4 * DayMs : 0);
            if (coverage.FirstMs > fromMs + slack || coverage.LastMs + barMs < toMs - slack)
            {
                continue;
            }

            var bars = store.Range(symbol, timeframe, start, toMs, withSimulated: false);
            return new HistoryBars(timeframe, [.. bars.Select(b => b.Bar)], string.Join('+', bars.Select(b => b.Source).Distinct().Order(StringComparer.Ordinal)));
        }

        return null;
    }
}
