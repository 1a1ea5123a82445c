using LowLatency.Analytics;
using LowLatency.Analytics.Patterns;

namespace LowLatency.Engine.Tests.Analytics;

/// <summary>The agent's market regime on constructed daily series: a steady climb, a flat market, and a flat one whose ranges blow out.</summary>
public sealed class RegimeDetectorTests
{
    [Test]
    public void A_steady_climb_is_trending_up_and_its_mirror_trending_down()
    {
        Assert.That(RegimeDetector.Detect(Series(120, i => 100 * Math.Pow(1.01, i), _ => 0.005)).Name, Is.EqualTo("trending_up"));
        Assert.That(RegimeDetector.Detect(Series(120, i => 100 * Math.Pow(0.99, i), _ => 0.005)).Name, Is.EqualTo("trending_down"));
    }

    [Test]
    public void A_market_going_nowhere_is_ranging()
    {
        var regime = RegimeDetector.Detect(Series(120, i => i % 2 == 0 ? 100 : 101, _ => 0.005));
        Assert.That(regime.Name, Is.EqualTo("ranging"));
        Assert.That(regime.Adx, Is.LessThan(25));
    }

    [Test]
    public void Ranges_far_above_their_median_are_volatile_whatever_the_trend()
    {
        var regime = RegimeDetector.Detect(Series(120, i => i % 2 == 0 ? 100 : 101, i => i >= 112 ? 0.08 : 0.005));
        Assert.That(regime.Name, Is.EqualTo("volatile"));
        Assert.That(regime.AtrShare, Is.GreaterThan(1.5 * regime.MedianAtrShare));
    }

    private static List<OhlcvBar> Series(int count, Func<int, double> close, Func<int, double> halfRange) =>
        [.. Enumerable.Range(0, count).Select(i => new OhlcvBar(1_704_067_200_000 + (i * 86_400_000L), close(i), close(i) * (1 + halfRange(i)), close(i) * (1 - halfRange(i)), close(i), 1_000))];
}
