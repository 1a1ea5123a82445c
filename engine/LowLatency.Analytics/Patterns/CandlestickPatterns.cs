namespace LowLatency.Analytics.Patterns;

/// <summary>
/// Candlestick pattern recognition with the textbook rules (Nison, <i>Japanese Candlestick Charting Techniques</i>),
/// measured against the bar's range and the recent average body so they scale with the instrument:
/// <list type="bullet">
/// <item>doji: body ≤ 10 % of the range;</item>
/// <item>hammer / shooting star: lower (upper) shadow ≥ 2 bodies, the other shadow ≤ ½ body, body ≥ 10 % of the range,
/// after a decline (advance) over the previous 3 closes;</item>
/// <item>engulfing: a real body that covers the previous bar's opposite-coloured body;</item>
/// <item>morning / evening star: a long body against the trend, a small body (≤ ⅓ of the first), then a body of the
/// other colour closing beyond the first body's midpoint.</item>
/// </list>
/// Strength grows with the size of the deciding body against the average body of the previous 10 bars, capped at 1.
/// </summary>
public static class CandlestickPatterns
{
    private const int AverageBodyBars = 10;

    /// <summary>Every pattern completed at any bar, in bar order.</summary>
    public static List<PatternMatch> Scan(IReadOnlyList<OhlcvBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var found = new List<PatternMatch>();
        for (var i = 0; i < bars.Count; i++)
        {
            found.AddRange(At(bars, i));
        }

        return found;
    }

    /// <summary>The patterns completed at bar <paramref name="i"/>.</summary>
    public static IEnumerable<PatternMatch> At(IReadOnlyList<OhlcvBar> bars, int i)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var b = bars[i];
        var range = b.High - b.Low;
        if (!(range > 0))
        {
            yield break;
        }

        var body = Math.Abs(b.Close - b.Open);
        var average = AverageBody(bars, i);
        var strength = Math.Min(1, 0.5 + (0.5 * body / Math.Max(average, 1e-12)));
        if (body <= 0.1 * range)
        {
            yield return new PatternMatch(i, b.OpenTimeMs, CandlestickPattern.Doji, 0, Math.Round(1 - (body / range), 4));
        }

        var upper = b.High - Math.Max(b.Open, b.Close);
        var lower = Math.Min(b.Open, b.Close) - b.Low;
        if (body >= 0.1 * range && i >= 3)
        {
            if (lower >= 2 * body && upper <= 0.5 * body && bars[i - 1].Close < bars[i - 3].Close)
            {
                yield return new PatternMatch(i, b.OpenTimeMs, CandlestickPattern.Hammer, 1, Math.Round(Math.Min(1, lower / range), 4));
            }

            if (upper >= 2 * body && lower <= 0.5 * body && bars[i - 1].Close > bars[i - 3].Close)
            {
                yield return new PatternMatch(i, b.OpenTimeMs, CandlestickPattern.ShootingStar, -1, Math.Round(Math.Min(1, upper / range), 4));
            }
        }

        if (i >= 1)
        {
            var p = bars[i - 1];
            if (p.Close < p.Open && b.Close > b.Open && b.Open <= p.Close && b.Close >= p.Open && body > Math.Abs(p.Open - p.Close))
            {
                yield return new PatternMatch(i, b.OpenTimeMs, CandlestickPattern.BullishEngulfing, 1, Math.Round(strength, 4));
            }

            if (p.Close > p.Open && b.Close < b.Open && b.Open >= p.Close && b.Close <= p.Open && body > Math.Abs(p.Open - p.Close))
            {
                yield return new PatternMatch(i, b.OpenTimeMs, CandlestickPattern.BearishEngulfing, -1, Math.Round(strength, 4));
            }
        }

        if (i >= 2)
        {
            var first = bars[i - 2];
            var star = bars[i - 1];
            var firstBody = Math.Abs(first.Close - first.Open);
            var starBody = Math.Abs(star.Close - star.Open);
            var longFirst = firstBody >= average;
            var midpoint = (first.Open + first.Close) / 2;
            if (longFirst && starBody <= firstBody / 3 && first.Close < first.Open && b.Close > b.Open && b.Close > midpoint && Math.Max(star.Open, star.Close) <= first.Close + (starBody + (0.1 * firstBody)))
            {
                yield return new PatternMatch(i, b.OpenTimeMs, CandlestickPattern.MorningStar, 1, Math.Round(strength, 4));
            }

            if (longFirst && starBody <= firstBody / 3 && first.Close > first.Open && b.Close < b.Open && b.Close < midpoint && Math.Min(star.Open, star.Close) >= first.Close - (starBody + (0.1 * firstBody)))
            {
                yield return new PatternMatch(i, b.OpenTimeMs, CandlestickPattern.EveningStar, -1, Math.Round(strength, 4));
            }
        }
    }

    private static double AverageBody(IReadOnlyList<OhlcvBar> bars, int i)
    {
        var from = Math.Max(0, i - AverageBodyBars);
        if (from == i)
        {
            return Math.Abs(bars[i].Close - bars[i].Open);
        }

        var sum = 0.0;
        for (var k = from; k < i; k++)
        {
            sum += Math.Abs(bars[k].Close - bars[k].Open);
        }

        return sum / (i - from);
    }
}
