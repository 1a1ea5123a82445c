using LowLatency.Engine.MarketData;

namespace LowLatency.Engine.Tests.MarketData;

[TestFixture]
public sealed class MarketSimulatorTests
{
    private static readonly InstrumentRegistry Registry =
        InstrumentRegistry.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../../config/instruments.json"));

    private static readonly SimulatorOptions Plain = new() { RegimeSwitchProbability = 0, CalmVolatilityFactor = 1, JumpProbability = 0 };

    private static Tick[] Run(MarketSimulator simulator, int count, long stepMs = 100)
    {
        var ticks = new Tick[count];
        for (var i = 0; i < count; i++)
        {
            simulator.Next(i % simulator.InstrumentCount, i * stepMs, ref ticks[i]);
        }

        return ticks;
    }

    [Test]
    public void The_same_seed_gives_the_same_market_bit_for_bit()
    {
        var a = Run(new MarketSimulator(Registry, new SimulatorOptions { Seed = 7 }), 100_000);
        var b = Run(new MarketSimulator(Registry, new SimulatorOptions { Seed = 7 }), 100_000);
        var c = Run(new MarketSimulator(Registry, new SimulatorOptions { Seed = 8 }), 100_000);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a, Is.Not.EqualTo(c));
    }

    [Test]
    public void Quotes_are_sane_for_every_instrument()
    {
        var ticks = Run(new MarketSimulator(Registry, new SimulatorOptions { RegimeSwitchProbability = 0.01, JumpProbability = 0.001 }), 200_000);
        Assert.That(ticks.Select(t => t.InstrumentId).Distinct().Count(), Is.EqualTo(Registry.Count));
        foreach (var t in ticks)
        {
            if (t.BidTicks < 1 || t.BidTicks >= t.AskTicks || (t.LastTicks != t.BidTicks && t.LastTicks != t.AskTicks) || t.SizeLots < 1)
            {
                Assert.Fail($"bad tick: {t.InstrumentId} bid {t.BidTicks} ask {t.AskTicks} last {t.LastTicks} size {t.SizeLots}");
            }
        }
    }

    [Test]
    public void Each_instrument_starts_at_its_reference_price()
    {
        var simulator = new MarketSimulator(Registry);
        var tick = default(Tick);
        foreach (var instrument in Registry.All)
        {
            simulator.Next(instrument.Id, 0, ref tick);
            var mid = instrument.TicksToPrice(tick.BidTicks + tick.AskTicks) / 2;
            Assert.That((double)(mid / instrument.ReferencePrice), Is.EqualTo(1).Within(0.01), instrument.Symbol);
        }
    }

    [Test]
    public void Realised_volatility_matches_each_instruments_annual_volatility()
    {
        const long stepMs = 10_000;
        const int perInstrument = 50_000;
        var simulator = new MarketSimulator(Registry, Plain);
        var ticks = Run(simulator, perInstrument * Registry.Count, stepMs); // round-robin: each instrument every stepMs·Count
        foreach (var instrument in Registry.All)
        {
            var mids = ticks.Where(t => t.InstrumentId == instrument.Id).Select(t => (t.BidTicks + t.AskTicks) / 2.0).ToArray();
            var returns = mids.Zip(mids.Skip(1), (x, y) => Math.Log(y / x)).ToArray();
            var mean = returns.Average();
            var std = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (returns.Length - 1));
            var secondsBetweenTicks = stepMs * Registry.Count / 1000.0;
            var annualised = std * Math.Sqrt(365.25 * 24 * 3600 / secondsBetweenTicks);
            Assert.That(annualised / instrument.AnnualVolatility, Is.EqualTo(1).Within(0.05), instrument.Symbol);
        }
    }

    [Test]
    public void Jumps_produce_moves_far_beyond_the_diffusion_and_only_when_enabled()
    {
        static int BigMoves(SimulatorOptions options)
        {
            var simulator = new MarketSimulator(Registry, options);
            var ticks = Run(simulator, 400_000, 1000).Where(t => t.InstrumentId == 0).Select(t => (t.BidTicks + t.AskTicks) / 2.0).ToArray();
            var returns = ticks.Zip(ticks.Skip(1), (x, y) => Math.Log(y / x)).ToArray();
            var sigma = Registry[0].AnnualVolatility * Math.Sqrt(Registry.Count * 1000 / (365.25 * 24 * 3600 * 1000));
            return returns.Count(r => Math.Abs(r) > 8 * sigma);
        }

        Assert.That(BigMoves(Plain), Is.Zero);
        Assert.That(BigMoves(Plain with { JumpProbability = 0.01 }), Is.GreaterThan(100));
    }

    [Test]
    public void Regimes_switch_and_the_volatile_one_moves_more()
    {
        var simulator = new MarketSimulator(Registry, new SimulatorOptions { RegimeSwitchProbability = 0.002, JumpProbability = 0 });
        var calm = new List<double>();
        var wild = new List<double>();
        var tick = default(Tick);
        double? previous = null;
        for (var i = 0; i < 300_000; i++)
        {
            simulator.Next(0, i * 1000L, ref tick);
            var mid = (tick.BidTicks + tick.AskTicks) / 2.0;
            if (previous is { } p)
            {
                (simulator.IsVolatile(0) ? wild : calm).Add(Math.Abs(Math.Log(mid / p)));
            }

            previous = mid;
        }

        Assert.That(calm, Is.Not.Empty);
        Assert.That(wild, Is.Not.Empty);
        Assert.That(wild.Average() / calm.Average(), Is.GreaterThan(2.5), "2.5 vs 0.7 volatility factors");
    }

    [Test]
    public void Bad_options_and_unknown_instruments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new MarketSimulator(Registry, new SimulatorOptions { JumpProbability = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new MarketSimulator(Registry, new SimulatorOptions { VolatileVolatilityFactor = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new MarketSimulator(Registry, new SimulatorOptions { JumpSizeInSigmas = -1 }));
        var simulator = new MarketSimulator(Registry);
        var tick = default(Tick);
        Assert.Throws<ArgumentOutOfRangeException>(() => simulator.Next(Registry.Count, 0, ref tick));
    }

    [Test]
    public void Generating_ticks_allocates_nothing()
    {
        var simulator = new MarketSimulator(Registry);
        var tick = default(Tick);
        for (var i = 0; i < 10_000; i++)
        {
            simulator.Next(i % simulator.InstrumentCount, i, ref tick);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 10_000; i < 200_000; i++)
        {
            simulator.Next(i % simulator.InstrumentCount, i, ref tick);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
