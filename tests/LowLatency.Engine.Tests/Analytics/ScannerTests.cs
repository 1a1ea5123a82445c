using LowLatency.Analytics;
using LowLatency.Analytics.Scanner;

namespace LowLatency.Engine.Tests.Analytics;

/// <summary>The confluence scanner on constructed series whose factors are known.</summary>
public sealed class ScannerTests
{
    private const long Day = 86_400_000;

    // 60 falling days, then a bullish engulfing on three times the usual volume: candlestick, volume and momentum (RSI < 30) agree.
    private static List<OhlcvBar> Capitulation(int sign)
    {
        var bars = new List<OhlcvBar>();
        var price = 200.0;
        for (var i = 0; i < 60; i++)
        {
            var open = price;
            price -= sign * (1 + (0.2 * Math.Sin(i)));
            bars.Add(new OhlcvBar(i * Day, open, Math.Max(open, price) + 0.3, Math.Min(open, price) - 0.3, price, 1000));
        }

        var last = bars[^1];
        var (o, c) = (last.Close - (sign * 0.5), last.Open + (sign * 0.8));
        bars.Add(new OhlcvBar(60 * Day, o, Math.Max(o, c) + 0.1, Math.Min(o, c) - 0.1, c, 3000));
        return bars;
    }

    [TestCase(1)]
    [TestCase(-1)]
    public void A_reversal_with_volume_and_momentum_is_found_with_its_exits(int sign)
    {
        var result = ConfluenceScanner.Scan(Capitulation(sign), new ScanSettings(MinConfluence: 3, MinConfidence: 0.3));
        Assert.That(result.Direction, Is.EqualTo(sign), string.Join("; ", result.Factors.Select(f => $"{f.Name} {f.Vote} {f.Reason}")));
        Assert.That(result.Factors.Where(f => f.Vote == sign).Select(f => f.Name), Is.SupersetOf(new[] { "candlestick", "volume", "momentum" }));
        Assert.That(result.Confluence, Is.GreaterThanOrEqualTo(3));
        Assert.That(result.Passes(new ScanSettings(MinConfluence: 3, MinConfidence: 0.3)), Is.True);
        Assert.That(result.Confidence, Is.InRange(0.0, 1.0));
        Assert.That(sign * (result.Entry - result.StopLoss), Is.GreaterThan(0), "the stop is on the losing side");
        Assert.That(sign * (result.TakeProfit - result.Entry), Is.GreaterThan(0));
        Assert.That(result.RiskReward, Is.EqualTo(2 / ScanSettings.StopAtrMultiple).Within(1e-4), "dynamic: target 2 ATR against a 1.5 ATR stop");

        var fixedResult = ConfluenceScanner.Scan(Capitulation(sign), new ScanSettings(FixedRiskRewardMode: true, FixedRiskReward: 3));
        Assert.That(fixedResult.RiskReward, Is.EqualTo(3));
        Assert.That(Math.Abs(fixedResult.TakeProfit - fixedResult.Entry), Is.EqualTo(3 * Math.Abs(fixedResult.Entry - fixedResult.StopLoss)).Within(1e-9));
    }

    [Test]
    public void A_model_probability_is_a_factor_only_when_given()
    {
        var bars = Capitulation(1);
        Assert.That(ConfluenceScanner.Scan(bars, new ScanSettings()).Factors.Select(f => f.Name), Does.Not.Contain("ml"));
        var withModel = ConfluenceScanner.Scan(bars, new ScanSettings(), mlProbabilityUp: 0.8);
        var ml = withModel.Factors.Single(f => f.Name == "ml");
        Assert.That((ml.Vote, ml.Weight), Is.EqualTo((1, 0.15)));
        Assert.That(ConfluenceScanner.Scan(bars, new ScanSettings(), mlProbabilityUp: 0.2).Factors.Single(f => f.Name == "ml").Vote, Is.EqualTo(-1));
        Assert.That(ConfluenceScanner.Scan(bars, new ScanSettings(), mlProbabilityUp: 0.5).Factors.Single(f => f.Name == "ml").Vote, Is.Zero);
    }

    [Test]
    public void A_quiet_series_gives_no_signal()
    {
        var bars = Enumerable.Range(0, 80).Select(i => new OhlcvBar(i * Day, 100 + Math.Sin(i / 3.0), 101 + Math.Sin(i / 3.0), 99 + Math.Sin(i / 3.0), 100.2 + Math.Sin(i / 3.0), 1000)).ToList();
        var result = ConfluenceScanner.Scan(bars, new ScanSettings());
        Assert.That(result.Passes(new ScanSettings()), Is.False);
    }

    [Test]
    public void Too_few_bars_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ConfluenceScanner.Scan([.. Capitulation(1).Take(30)], new ScanSettings()));
    }
}
