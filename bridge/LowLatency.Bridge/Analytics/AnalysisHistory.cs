using LowLatency.Analytics;
using LowLatency.Engine.MarketData;
using LowLatency.History;

namespace LowLatency.Bridge.Analytics;

/// <summary>
/// Candles for an analysis: the last <c>lookbackDays</c> up to now, and before them enough bars to warm the
/// recursive indicators up, so the first reported value is already settled. The same stored
/// or synthetic candles <c>POST /api/market-data</c> serves.
/// </summary>
public sealed class AnalysisHistory(CandleService candles)
{
    /// <summary>Calendar days that hold about <paramref name="bars"/> bars of the timeframe (at least one).</summary>
    public static int DaysFor(Timeframe timeframe, int bars)
    {
        var start = timeframe.BucketStart(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var barMs = timeframe.NextBucketStart(start) - start;
        return (int)Math.Max(1, Math.Ceiling(bars * (double)barMs / 86_400_000));
    }

    /// <summary>The bars of sourced candles.</summary>
    public static List<OhlcvBar> Bars(IEnumerable<SourcedBar> bars) => [.. bars.Select(b => b.Bar)];

    /// <summary>The bars (warm-up first), the index of the first bar inside the lookback, and what they are (<see cref="CandleSet"/>); or an error text.</summary>
    public async Task<(List<OhlcvBar> Bars, int First, string? Error, CandleSet Data)> GetAsync(Instrument instrument, Timeframe timeframe, int lookbackDays, int warmupBars, bool synthetic = false)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var now = DateTimeOffset.UtcNow;
        var lookbackStart = now.AddDays(-lookbackDays);
        var startMs = timeframe.BucketStart(lookbackStart.ToUnixTimeMilliseconds());
        var barMs = timeframe.NextBucketStart(startMs) - startMs;
        var from = DateTimeOffset.FromUnixTimeMilliseconds(startMs - (warmupBars * barMs));
        var (bars, error) = await candles.GetAsync(instrument, timeframe, from, now, synthetic).ConfigureAwait(false);
        if (error is not null)
        {
            return ([], 0, error, bars);
        }

        var list = Bars(bars);
        var first = list.FindIndex(b => b.OpenTimeMs >= startMs);
        return (list, first < 0 ? list.Count : first, null, bars);
    }
}
