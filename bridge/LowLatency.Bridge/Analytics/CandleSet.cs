using System.Collections;
using LowLatency.Bridge.Api;
using LowLatency.Engine.MarketData;
using LowLatency.History;

namespace LowLatency.Bridge.Analytics;

/// <summary>
/// The candles of one request and what they are: the range asked, the range the bars cover, how many, from which
/// source (<c>imported</c>, <c>fix:SESSION</c>, <c>csv</c>, <c>simulator</c>, <c>synthetic</c>, joined with
/// <c>+</c> where several), and what the store holds of the instrument beyond the request.
/// </summary>
public sealed class CandleSet(IReadOnlyList<SourcedBar> bars, long requestedFromMs, long requestedToMs, BarCoverage? stored) : IReadOnlyList<SourcedBar>
{
    public long RequestedFromMs => requestedFromMs;

    public long RequestedToMs => requestedToMs;

    /// <summary>The store's real bars of the instrument and timeframe (all dates), or null for none.</summary>
    public BarCoverage? Stored => stored;

    /// <summary>The sources of the bars, sorted, joined with <c>+</c>; <c>none</c> for no bar.</summary>
    public string Source { get; } = bars.Count == 0 ? "none" : string.Join('+', bars.Select(b => b.Source).Distinct().Order(StringComparer.Ordinal));

    /// <summary>Whether any bar is made up (synthetic or simulated).</summary>
    public bool MadeUp => bars.Any(b => PriceSources.IsMadeUp(b.Source));

    public int Count => bars.Count;

    public SourcedBar this[int index] => bars[index];

    /// <summary>The response's <c>data</c> object: what the analysis ran on.</summary>
    public object Describe() => new
    {
        source = Source,
        bars = bars.Count,
        dataFrom = bars.Count == 0 ? null : Timestamps.Iso(bars[0].Bar.OpenTimeMs),
        dataTo = bars.Count == 0 ? null : Timestamps.Iso(bars[^1].Bar.OpenTimeMs),
        requestedFrom = Timestamps.Iso(requestedFromMs),
        requestedTo = Timestamps.Iso(requestedToMs),
        storedFrom = stored is null ? null : Timestamps.Iso(stored.FirstMs),
        storedTo = stored is null ? null : Timestamps.Iso(stored.LastMs),
        storedBars = stored?.Bars ?? 0,
    };

    /// <summary>Why there are too few bars, saying what the store does hold.</summary>
    public string TooFew(string symbol, Timeframe timeframe, int needed) =>
        $"{bars.Count} {timeframe.Name()} bar(s) of {symbol} between {Timestamps.Iso(requestedFromMs)[..10]} and {Timestamps.Iso(requestedToMs)[..10]}, {needed} needed; " +
        (stored is null
            ? "no history is stored for it (import bars with ./run.sh import, or ask for \"synthetic\": true)"
            : $"the store holds {stored.Bars} from {Timestamps.Iso(stored.FirstMs)[..10]} to {Timestamps.Iso(stored.LastMs)[..10]} ({string.Join(", ", stored.Sources)})");

    public IEnumerator<SourcedBar> GetEnumerator() => bars.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
