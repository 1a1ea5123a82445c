using LowLatency.Analytics.Gann;
using LowLatency.Analytics.Indicators;

namespace LowLatency.Analytics.Patterns;

/// <summary>
/// Swing legs and a wave reading of a candle series. Pivots: <see cref="Pivots.ZigZag"/> turning when price
/// reverses by three mean true ranges (over the whole series) from the running extreme. Each leg's slope is
/// measured in those ranges per bar, so on a chart scaled to one range per bar a 1×1 leg is drawn at 45°, and
/// named after the Gann angle of nearest slope in the library's one convention (<see cref="GannAngle"/>: 1x2 rises
/// two ranges a bar). Elliott targets (Fibonacci ratios of wave 1): wave 3 = end of wave 2 + 1.618 × wave 1, wave 4
/// retraces 0.382 of the move to wave 3, wave 5 = wave 4 + wave 1.
/// </summary>
public static class WaveAnalysis
{
    /// <summary>The zig-zag's reversal, in mean true ranges.</summary>
    public const double ReversalRanges = 3;

    public static WaveReading Analyze(IReadOnlyList<OhlcvBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count < 2)
        {
            throw new ArgumentException("a wave reading needs at least two bars", nameof(bars));
        }

        var last = bars[^1];
        var range = Math.Max(MeanTrueRange.Of(bars, bars.Count), last.Close * 1e-6);
        var pivots = Pivots.ZigZag(bars, ReversalRanges * range);
        var legs = new List<WaveLeg>();
        for (var i = 1; i < pivots.Count; i++)
        {
            var (from, to) = (pivots[i - 1], pivots[i]);
            var barsInLeg = Math.Max(1, to.Bar - from.Bar);
            var slope = Math.Abs(to.Price - from.Price) / range / barsInLeg;
            var degrees = Math.Atan(slope) * 180 / Math.PI;
            var angle = GannAngle.All.MinBy(a => Math.Abs(a.GeometricDegrees - degrees))!.Name;
            legs.Add(new WaveLeg(i, to.Price > from.Price, barsInLeg, (to.Price / from.Price - 1) * 100, slope, degrees, angle, from.Bar, to.Bar));
        }

        return new WaveReading(legs, Project(legs, last.Close, range), Elliott(pivots, last.Close), range, pivots.Count, pivots[^1].TimeMs);
    }

    private static WaveProjection Project(List<WaveLeg> legs, double close, double range)
    {
        if (legs.Count == 0)
        {
            return new WaveProjection("1x1", close, 10, 0.5);
        }

        var lastLeg = legs[^1];
        var averageLeg = (int)Math.Round(legs.Average(l => l.Bars));
        var slopePerBar = lastLeg.RangesPerBar * range * (lastLeg.Up ? 1 : -1);
        var target = Math.Max(close + (slopePerBar * averageLeg), close * 0.01);
        var consistent = legs.Count < 2 ? 0.5 : legs.TakeLast(6).Count(l => l.GannAngle == lastLeg.GannAngle) / (double)Math.Min(6, legs.Count);
        return new WaveProjection(lastLeg.GannAngle, target, averageLeg, Math.Clamp(consistent, 0, 1));
    }

    private static ElliottReading Elliott(List<Pivot> pivots, double close)
    {
        var extreme = pivots.Select((p, i) => (p, i)).MaxBy(x => Math.Abs(x.p.Price - close)).i;
        var counted = pivots.Skip(extreme).ToList();
        var waveCount = Math.Max(1, counted.Count - 1);
        var trend = counted.Count >= 2 ? (counted[^1].Price >= counted[0].Price ? "bullish" : "bearish") : "neutral";
        var wave1 = counted.Count >= 2 ? counted[1].Price - counted[0].Price : close * 0.05;
        var start = counted.Count > 0 ? counted[0].Price : close;
        var wave2End = counted.Count >= 3 ? counted[2].Price : start + (wave1 * 0.5);
        var wave3 = wave2End + (wave1 * 1.618);
        var wave4 = wave3 - ((wave3 - wave2End) * 0.382);
        return new ElliottReading(((waveCount - 1) % 5) + 1, ((waveCount - 1) / 5) + 1, trend, wave3, wave4, wave4 + wave1, start);
    }
}
