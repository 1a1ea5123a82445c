using LowLatency.Analytics.Indicators;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.Indicators;

/// <summary>Every indicator against TA-Lib's own output on the same bars, to 1e-9 from its first bar.</summary>
[TestFixture]
public sealed class TaLibReferenceTests
{
    [Test]
    public void Sma20()
    {
        var sma = new SimpleMovingAverage(20);
        ReferenceAssert.Matches(["sma20"], bar => (sma.Update(bar.Close), [sma.Value]));
    }

    [Test]
    public void Ema20()
    {
        var ema = new ExponentialMovingAverage(20);
        ReferenceAssert.Matches(["ema20"], bar => (ema.Update(bar.Close), [ema.Value]));
    }

    [Test]
    public void Rsi14()
    {
        var rsi = new RelativeStrengthIndex(14);
        ReferenceAssert.Matches(["rsi14"], bar => (rsi.Update(bar.Close), [rsi.Value]));
    }

    [Test]
    public void Atr14()
    {
        var atr = new AverageTrueRange(14);
        ReferenceAssert.Matches(["atr14"], bar => (atr.Update(bar.High, bar.Low, bar.Close), [atr.Value]));
    }

    [Test]
    public void Macd_12_26_9()
    {
        var macd = new Macd(12, 26, 9);
        ReferenceAssert.Matches(["macd", "macd_signal", "macd_hist"], bar => (macd.Update(bar.Close), [macd.Value, macd.Signal, macd.Histogram]));
    }

    [Test]
    public void Bollinger_20_2_2()
    {
        var bands = new BollingerBands(20, 2, 2);
        ReferenceAssert.Matches(["bb_upper", "bb_middle", "bb_lower"], bar => (bands.Update(bar.Close), [bands.Upper, bands.Middle, bands.Lower]));
    }

    [Test]
    public void Stochastic_14_3_3()
    {
        var stochastic = new Stochastic(14, 3, 3);
        ReferenceAssert.Matches(["stoch_slowk", "stoch_slowd"], bar => (stochastic.Update(bar.High, bar.Low, bar.Close), [stochastic.SlowK, stochastic.SlowD]));
    }

    [Test]
    public void Adx14()
    {
        var adx = new AverageDirectionalIndex(14);
        ReferenceAssert.Matches(["adx14"], bar => (adx.Update(bar.High, bar.Low, bar.Close), [adx.Value]));
    }

    [Test]
    public void HtDcPeriod()
    {
        var period = new HilbertDominantCyclePeriod();
        ReferenceAssert.Matches(["ht_dcperiod"], bar => (period.Update(bar.Close), [period.Value]));
    }

    [Test]
    public void Mama_0_5_0_05()
    {
        var mama = new MesaAdaptiveMovingAverage(0.5, 0.05);
        ReferenceAssert.Matches(["mama", "fama"], bar => (mama.Update(bar.Close), [mama.Mama, mama.Fama]));
    }

    [Test]
    public void HtDcPeriod_on_median_price()
    {
        var period = new HilbertDominantCyclePeriod();
        ReferenceAssert.Matches("talib_hl2.csv", ["ht_dcperiod"], bar => (period.Update((bar.High + bar.Low) / 2), [period.Value]));
    }

    [Test]
    public void Mama_on_median_price()
    {
        var mama = new MesaAdaptiveMovingAverage(0.5, 0.05);
        ReferenceAssert.Matches("talib_hl2.csv", ["mama", "fama"], bar => (mama.Update((bar.High + bar.Low) / 2), [mama.Mama, mama.Fama]));
    }

    [TestCase("talib.csv")]
    [TestCase("talib_hl2.csv")]
    public void HtPhase_Sine_Trendline_TrendMode(string file)
    {
        var cycle = new HilbertCycle();
        ReferenceAssert.Matches(
            file,
            ["ht_dcphase", "ht_sine", "ht_leadsine", "ht_trendline", "ht_trendmode"],
            bar => (cycle.Update(file == "talib.csv" ? bar.Close : (bar.High + bar.Low) / 2), [cycle.Phase, cycle.Sine, cycle.LeadSine, cycle.Trendline, cycle.TrendMode]));
    }
}
