using LowLatency.Analytics;
using LowLatency.Analytics.Patterns;

namespace LowLatency.Engine.Tests.Analytics;

/// <summary>Each pattern on a constructed series: found at the bar that completes it, with its direction, and nowhere else.</summary>
public sealed class CandlestickPatternTests
{
    // A steady decline of plain candles (body 1 in a range of 2) that gives no pattern of its own.
    private static List<OhlcvBar> Decline(int count, double start) =>
        [.. Enumerable.Range(0, count).Select(i => Bar(i, start - i, start - i - 1, start - i + 0.5, start - i - 1.5))];

    private static List<OhlcvBar> Advance(int count, double start) =>
        [.. Enumerable.Range(0, count).Select(i => Bar(i, start + i, start + i + 1, start + i + 1.5, start + i - 0.5))];

    private static OhlcvBar Bar(int i, double open, double close, double high, double low) => new(i * 86_400_000L, open, high, low, close, 1000);

    [Test]
    public void Plain_trends_have_no_patterns()
    {
        Assert.That(CandlestickPatterns.Scan(Decline(12, 100)), Is.Empty);
        Assert.That(CandlestickPatterns.Scan(Advance(12, 100)), Is.Empty);
    }

    [Test]
    public void A_bullish_engulfing_after_a_decline()
    {
        var bars = Decline(10, 100);
        var last = bars[^1];
        bars.Add(Bar(10, last.Close - 0.5, last.Open + 0.5, last.Open + 1, last.Close - 1));
        var found = CandlestickPatterns.Scan(bars);
        Assert.That(found.Select(m => (m.Bar, m.Pattern, m.Direction)), Is.EqualTo(new[] { (10, CandlestickPattern.BullishEngulfing, 1) }));
    }

    [Test]
    public void A_bearish_engulfing_after_an_advance()
    {
        var bars = Advance(10, 100);
        var last = bars[^1];
        bars.Add(Bar(10, last.Close + 0.5, last.Open - 0.5, last.Close + 1, last.Open - 1));
        Assert.That(CandlestickPatterns.Scan(bars).Select(m => (m.Bar, m.Pattern, m.Direction)), Is.EqualTo(new[] { (10, CandlestickPattern.BearishEngulfing, -1) }));
    }

    [Test]
    public void A_hammer_after_a_decline_and_a_shooting_star_after_an_advance()
    {
        var down = Decline(10, 100);
        down.Add(Bar(10, 90, 90.4, 90.5, 88)); // body 0.4, lower shadow 2, upper 0.1
        Assert.That(CandlestickPatterns.Scan(down).Select(m => (m.Bar, m.Pattern)), Is.EqualTo(new[] { (10, CandlestickPattern.Hammer) }));

        var up = Advance(10, 100);
        up.Add(Bar(10, 110, 109.6, 112, 109.5)); // body 0.4, upper shadow 2, lower 0.1
        Assert.That(CandlestickPatterns.Scan(up).Select(m => (m.Bar, m.Pattern)), Is.EqualTo(new[] { (10, CandlestickPattern.ShootingStar) }));
    }

    [Test]
    public void A_doji_is_indecision()
    {
        var bars = Decline(5, 100);
        bars.Add(Bar(5, 95, 95.02, 96, 94));
        var doji = CandlestickPatterns.Scan(bars).Single();
        Assert.That((doji.Bar, doji.Pattern, doji.Direction), Is.EqualTo((5, CandlestickPattern.Doji, 0)));
        Assert.That(doji.Strength, Is.EqualTo(0.99).Within(1e-9));
    }

    [Test]
    public void Morning_and_evening_stars_complete_on_their_third_bar()
    {
        var down = Decline(8, 100);
        down.Add(Bar(8, 92, 89, 92.2, 88.8));   // long black body
        down.Add(Bar(9, 88.7, 88.5, 88.9, 88.2)); // small star below
        down.Add(Bar(10, 88.9, 91.2, 91.4, 88.8)); // white body closing above the first body's midpoint (90.5)
        Assert.That(CandlestickPatterns.Scan(down).Where(m => m.Pattern != CandlestickPattern.Doji).Select(m => (m.Bar, m.Pattern, m.Direction)), Is.EqualTo(new[] { (10, CandlestickPattern.MorningStar, 1) }));

        var up = Advance(8, 100);
        up.Add(Bar(8, 108, 111, 111.2, 107.8));
        up.Add(Bar(9, 111.3, 111.5, 111.8, 111.1));
        up.Add(Bar(10, 111.1, 108.8, 111.2, 108.6));
        Assert.That(CandlestickPatterns.Scan(up).Where(m => m.Pattern != CandlestickPattern.Doji).Select(m => (m.Bar, m.Pattern, m.Direction)), Is.EqualTo(new[] { (10, CandlestickPattern.EveningStar, -1) }));
    }
}
