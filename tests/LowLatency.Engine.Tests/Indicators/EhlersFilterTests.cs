using LowLatency.Analytics.Indicators.Ehlers;

namespace LowLatency.Engine.Tests.Indicators;

/// <summary>
/// The Ehlers filters have no independent reference vectors; these check the properties their formulas
/// promise (FORMULAS.md §1–7) on constructed series: DC gain, trend removal, pass and stop bands, bounds.
/// </summary>
[TestFixture]
public sealed class EhlersFilterTests
{
    /// <summary>Steady-state output amplitude over input amplitude for a sine of <paramref name="period"/> bars.</summary>
    private static double Gain(Func<double, double> filter, double period, double offset = 100, double amplitude = 5)
    {
        // Warm up for several periods, then measure over at least two whole periods.
        var measured = Math.Max(500, (int)(2 * period));
        var total = Math.Max(1500, (int)(4 * period) + measured);
        var outputs = new List<double>();
        for (var i = 0; i < total; i++)
        {
            var y = filter(offset + (amplitude * Math.Sin(2 * Math.PI * i / period)));
            if (i >= total - measured)
            {
                outputs.Add(y);
            }
        }

        return (outputs.Max() - outputs.Min()) / 2 / amplitude;
    }

    private static double Last(Func<double, double> filter, Func<int, double> series, int bars)
    {
        var value = double.NaN;
        for (var i = 0; i < bars; i++)
        {
            value = filter(series(i));
        }

        return value;
    }

    [Test]
    public void Super_smoother_has_unit_dc_gain_passes_slow_cycles_and_cuts_fast_ones()
    {
        Assert.That(Last(new SuperSmoother(10).Update, _ => 100, 300), Is.EqualTo(100).Within(1e-9));
        Assert.That(Gain(new SuperSmoother(10).Update, 60), Is.GreaterThan(0.95));
        Assert.That(Gain(new SuperSmoother(10).Update, 4), Is.LessThan(0.25));
        var warmUp = new SuperSmoother(10);
        Assert.That((warmUp.Update(7), warmUp.Update(9)), Is.EqualTo((7.0, 9.0)), "output = input for the first two bars");
    }

    [Test]
    public void Roofing_filter_removes_level_and_trend_and_keeps_the_band()
    {
        Assert.That(Last(new RoofingFilter().Update, _ => 100, 600), Is.EqualTo(0).Within(1e-6));
        Assert.That(Last(new RoofingFilter().Update, i => 100 + (0.5 * i), 600), Is.EqualTo(0).Within(1e-3));
        Assert.That(Gain(new RoofingFilter().Update, 20), Is.GreaterThan(0.5));
        Assert.That(Gain(new RoofingFilter().Update, 200), Is.LessThan(0.2));
        Assert.That(Gain(new RoofingFilter().Update, 4), Is.LessThan(0.25));
    }

    [Test]
    public void Decycler_follows_the_trend_and_drops_the_cycle()
    {
        // Decycle = x − HP(x): its response is |1 − H(f)|, small for fast cycles (gain and phase of the
        // high-pass are both close to ideal there) and near 1 for slow ones.
        Assert.That(Gain(new Decycler().Update, 10), Is.LessThan(0.15), "a 10-bar cycle is mostly removed");
        Assert.That(Gain(new Decycler().Update, 1000), Is.GreaterThan(0.9), "a slow cycle is kept");
        Assert.That(Last(new Decycler().Update, i => 100 + (0.2 * i), 1500), Is.EqualTo(100 + (0.2 * 1499)).Within(1e-3), "a ramp passes unchanged");
        Assert.That(Last(new Decycler().Update, _ => 100, 600), Is.EqualTo(100).Within(1e-6));
        var flat = new Decycler();
        Last(flat.Update, _ => 100, 600);
        Assert.That(flat.Oscillator, Is.EqualTo(0).Within(1e-6));
    }

    [Test]
    public void Cyber_cycle_is_zero_on_a_level_and_oscillates_on_a_cycle_with_a_one_bar_trigger()
    {
        Assert.That(Last(new CyberCycle().Update, _ => 100, 300), Is.EqualTo(0).Within(1e-9));
        Assert.That(Gain(new CyberCycle().Update, 20), Is.GreaterThan(0.3));
        var cycle = new CyberCycle();
        var previous = 0.0;
        for (var i = 0; i < 50; i++)
        {
            var value = cycle.Update(100 + Math.Sin(i));
            Assert.That(cycle.Trigger, Is.EqualTo(previous));
            previous = value;
        }
    }

    [Test]
    public void Instantaneous_trendline_holds_a_level_tracks_a_ramp_and_ignores_its_cycle()
    {
        Assert.That(Last(new InstantaneousTrendline().Update, _ => 100, 300), Is.EqualTo(100).Within(1e-9));
        var ramp = Last(new InstantaneousTrendline().Update, i => 100 + (0.5 * i), 600);
        Assert.That(ramp, Is.EqualTo(100 + (0.5 * 599)).Within(0.5), "zero-lag design: close to the ramp");
        Assert.That(Gain(new InstantaneousTrendline().Update, 10), Is.LessThan(0.3));
        var trendline = new InstantaneousTrendline();
        var history = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            history.Add(trendline.Update(100 + (i % 5)));
            if (i >= 2)
            {
                Assert.That(trendline.Trigger, Is.EqualTo((2 * history[i]) - history[i - 2]).Within(1e-12));
            }
        }
    }

    [Test]
    public void Fisher_transform_is_finite_rises_with_a_rising_input_and_handles_a_flat_window()
    {
        var fisher = new FisherTransform();
        var previous = 0.0;
        for (var i = 0; i < 200; i++)
        {
            var value = fisher.Update(100 + i);
            Assert.That(double.IsFinite(value), Is.True);
            Assert.That(fisher.Trigger, Is.EqualTo(previous));
            previous = value;
        }

        Assert.That(fisher.Value, Is.GreaterThan(2), "saturated at the top of its range");
        Assert.That(Last(new FisherTransform().Update, _ => 100, 100), Is.EqualTo(0).Within(1e-12), "flat window: mid-range, no division by zero");
    }

    [Test]
    public void Even_better_sinewave_stays_within_plus_minus_one_and_swings_fully_on_a_cycle()
    {
        var random = new Random(3);
        var wave = new EvenBetterSinewave();
        var price = 100.0;
        for (var i = 0; i < 5000; i++)
        {
            price += random.NextDouble() - 0.5;
            var value = wave.Update(price);
            Assert.That(value, Is.InRange(-1.0 - 1e-12, 1.0 + 1e-12));
        }

        var cycle = new EvenBetterSinewave();
        var values = Enumerable.Range(0, 600).Select(i => cycle.Update(100 + (5 * Math.Sin(2 * Math.PI * i / 30)))).Skip(300).ToList();
        Assert.That(values.Max(), Is.GreaterThan(0.9));
        Assert.That(values.Min(), Is.LessThan(-0.9));
        Assert.That(Last(new EvenBetterSinewave().Update, _ => 100, 50), Is.Zero, "no power on a flat series: 0, not NaN");
    }

    [Test]
    public void Bad_parameters_are_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SuperSmoother(1));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SuperSmoother(double.NaN));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TwoPoleHighPass(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new CyberCycle(1.5));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new InstantaneousTrendline(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new FisherTransform(1));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Decycler(125, -1));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new EvenBetterSinewave(3));
        });
    }

    [Test]
    public void Updating_allocates_nothing()
    {
        var smoother = new SuperSmoother();
        var roofing = new RoofingFilter();
        var cyber = new CyberCycle();
        var trendline = new InstantaneousTrendline();
        var fisher = new FisherTransform();
        var decycler = new Decycler();
        var wave = new EvenBetterSinewave();
        void Feed(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var x = 100 + Math.Sin(i * 0.2);
                smoother.Update(x);
                roofing.Update(x);
                cyber.Update(x);
                trendline.Update(x);
                fisher.Update(x);
                decycler.Update(x);
                wave.Update(x);
            }
        }

        // The steady state allocates nothing; a pass may count the runtime's own tier-up of these methods (the JIT
        // installs optimised code on a background delay), so up to three passes are measured and the last must be clean.
        Feed(1_000);
        var allocated = long.MaxValue;
        for (var pass = 0; pass < 3 && allocated != 0; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Feed(100_000);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.That(allocated, Is.Zero);
    }
}
