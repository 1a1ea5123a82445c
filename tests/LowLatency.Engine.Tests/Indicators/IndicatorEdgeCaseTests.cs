using LowLatency.Analytics.Indicators;

namespace LowLatency.Engine.Tests.Indicators;

[TestFixture]
public sealed class IndicatorEdgeCaseTests
{
    [Test]
    public void A_flat_series_gives_zero_width_bands_zero_rsi_and_zero_stochastic()
    {
        var rsi = new RelativeStrengthIndex(14);
        var bands = new BollingerBands(20);
        var stochastic = new Stochastic(14, 3, 3);
        var atr = new AverageTrueRange(14);
        var adx = new AverageDirectionalIndex(14);
        for (var i = 0; i < 100; i++)
        {
            rsi.Update(100);
            bands.Update(100);
            stochastic.Update(100, 100, 100);
            atr.Update(100, 100, 100);
            adx.Update(100, 100, 100);
        }

        Assert.Multiple(() =>
        {
            Assert.That(rsi.Value, Is.Zero, "no gains and no losses: TA-Lib answers 0");
            Assert.That(bands.Upper, Is.EqualTo(100));
            Assert.That(bands.Lower, Is.EqualTo(100));
            Assert.That(stochastic.SlowK, Is.Zero, "zero range: fast %K is 0");
            Assert.That(atr.Value, Is.Zero);
            Assert.That(adx.Value, Is.Zero, "no directional movement");
        });
    }

    [Test]
    public void A_rising_series_has_rsi_100_and_stochastic_100()
    {
        var rsi = new RelativeStrengthIndex(14);
        var stochastic = new Stochastic(14, 3, 3);
        for (var i = 0; i < 60; i++)
        {
            rsi.Update(100 + i);
            stochastic.Update(101 + i, 99 + i, 101 + i);
        }

        Assert.That(rsi.Value, Is.EqualTo(100).Within(1e-12));
        Assert.That(stochastic.SlowK, Is.EqualTo(100).Within(1e-9));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Monotonic_window_agrees_with_a_naive_scan(bool maximum)
    {
        const int period = 7;
        var random = new Random(12345);
        var window = new MonotonicWindow(period, maximum);
        var history = new List<double>();
        for (var i = 0; i < 10_000; i++)
        {
            // Repeated values exercise ties.
            var value = Math.Round(random.NextDouble() * 20);
            history.Add(value);
            window.Add(value);
            var recent = history.Skip(Math.Max(0, history.Count - period));
            Assert.That(window.Value, Is.EqualTo(maximum ? recent.Max() : recent.Min()), $"at {i}");
        }
    }

    [Test]
    public void Bad_parameters_are_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SimpleMovingAverage(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ExponentialMovingAverage(-1));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new RelativeStrengthIndex(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new AverageTrueRange(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Macd(26, 12, 9));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new BollingerBands(20, double.NaN, 2));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Stochastic(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new AverageDirectionalIndex(1));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new MesaAdaptiveMovingAverage(0, 0.05));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new MesaAdaptiveMovingAverage(0.5, 1.5));
        });
    }

    [Test]
    public void Updating_allocates_nothing()
    {
        var sma = new SimpleMovingAverage(20);
        var ema = new ExponentialMovingAverage(20);
        var rsi = new RelativeStrengthIndex(14);
        var atr = new AverageTrueRange(14);
        var macd = new Macd();
        var bands = new BollingerBands();
        var stochastic = new Stochastic();
        var adx = new AverageDirectionalIndex();
        var dcPeriod = new HilbertDominantCyclePeriod();
        var mama = new MesaAdaptiveMovingAverage();
        var cycle = new HilbertCycle();

        void Feed(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var close = 100 + Math.Sin(i * 0.1) * 5;
                sma.Update(close);
                ema.Update(close);
                rsi.Update(close);
                atr.Update(close + 1, close - 1, close);
                macd.Update(close);
                bands.Update(close);
                stochastic.Update(close + 1, close - 1, close);
                adx.Update(close + 1, close - 1, close);
                dcPeriod.Update(close);
                mama.Update(close);
                cycle.Update(close);
            }
        }

        Feed(1_000); // warm-up: JIT, tiering
        var before = GC.GetAllocatedBytesForCurrentThread();
        Feed(100_000);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
