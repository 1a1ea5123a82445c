using LowLatency.Analytics;
using LowLatency.Analytics.Gann;
using LowLatency.Analytics.Patterns;

namespace LowLatency.Engine.Tests.Analytics;

/// <summary>The zig-zag legs, their Gann angles in the library's one convention, and the Elliott count, on constructed series.</summary>
public sealed class WaveAnalysisTests
{
    [Test]
    public void A_constructed_zig_zag_gives_its_legs_with_directions_bars_and_changes()
    {
        // 100 → 200 in 20 bars, → 150 in 10, → 250 in 20: three legs.
        var closes = new List<double>();
        closes.AddRange(Enumerable.Range(0, 21).Select(i => 100.0 + (5 * i)));
        closes.AddRange(Enumerable.Range(1, 10).Select(i => 200.0 - (5 * i)));
        closes.AddRange(Enumerable.Range(1, 20).Select(i => 150.0 + (5 * i)));

        var reading = WaveAnalysis.Analyze(Bars(closes));

        Assert.That(reading.Legs.Select(l => l.Up), Is.EqualTo(new[] { true, false, true }));
        Assert.That(reading.Legs.Select(l => l.Bars), Is.EqualTo(new[] { 20, 10, 20 }));
        Assert.That(reading.Legs[0].ChangePercent, Is.EqualTo(101).Within(0.01), "100 (first close) to the 201 high");
        Assert.That(reading.Elliott.Trend, Is.EqualTo("bullish"));
        Assert.That(reading.Elliott.CurrentWave, Is.EqualTo(3), "three legs up from the low");
    }

    [Test]
    public void A_shallow_leg_is_named_time_first_and_a_steep_one_price_first()
    {
        // Up 1 a bar for 30 bars (true range 2), down 10 a bar for 6 (true range 11): mean true range 3.5.
        // Leg 1: 31 / 3.5 / 30 = 0.295 ranges a bar, atan 16.4° → 3x1 (18.4°); leg 2: 62 / 3.5 / 6 = 2.95, 71.3° → 1x3 (71.6°).
        var closes = Enumerable.Range(0, 31).Select(i => 100.0 + i).Concat(Enumerable.Range(1, 6).Select(i => 130.0 - (10 * i))).ToList();

        var reading = WaveAnalysis.Analyze(Bars(closes));

        Assert.That(reading.AverageRange, Is.EqualTo(3.5).Within(1e-12));
        Assert.That(reading.Legs.Select(l => l.GannAngle), Is.EqualTo(new[] { "3x1", "1x3" }));
        Assert.That(reading.Legs[1].RangesPerBar, Is.EqualTo(62 / 3.5 / 6).Within(1e-12));
        Assert.That(GannAngle.All.Single(a => a.Name == "1x3").Ratio, Is.EqualTo(3), "the same names as /api/gann/angles: 1x3 rises three units a bar");
        Assert.That(reading.Projection.GannAngle, Is.EqualTo("1x3"), "the last leg's angle carried on");
        Assert.That(reading.Projection.TargetPrice, Is.LessThan(closes[^1]), "down, as the last leg");
    }

    [Test]
    public void The_zig_zag_turns_only_on_a_reversal_of_the_given_size()
    {
        var bars = Bars([100, 104, 101, 106, 95, 97, 93]);
        var pivots = Pivots.ZigZag(bars, reversal: 6);
        Assert.That(pivots.Select(p => (p.Bar, p.Price, p.IsHigh)), Is.EqualTo(new[] { (0, 100.0, false), (3, 107.0, true), (6, 92.0, false) }),
            "the 105 high to the 100 low is too small a turn; 107 to 94 is one");
    }

    private static List<OhlcvBar> Bars(IReadOnlyList<double> closes) =>
        [.. closes.Select((c, i) => new OhlcvBar(1_704_067_200_000 + (i * 86_400_000L), c, c + 1, c - 1, c, 0))];
}
