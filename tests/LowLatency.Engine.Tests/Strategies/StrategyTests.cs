using LowLatency.Analytics;
using LowLatency.Analytics.Gann;
using LowLatency.Engine.Configuration;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Strategies;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.Strategies;

public sealed class StrategyTests
{
    private static Strategy One(string json) => StrategyLoader.Parse(json, "s.json", Shipped.Registry).Single();

    private static List<(int Bar, SignalDirection Direction)> Feed(Strategy strategy, IEnumerable<(double O, double H, double L, double C)> bars)
    {
        var signals = new List<(int, SignalDirection)>();
        var features = default(FeatureVector);
        var i = 0;
        foreach (var (o, h, l, c) in bars)
        {
            var bar = new OhlcvBar { OpenTimeMs = i * 60_000L, Open = o, High = h, Low = l, Close = c, Volume = 1 };
            if (strategy.OnBar(bar, ref features))
            {
                var signal = strategy.Decide(features);
                if (signal.Direction != SignalDirection.None)
                {
                    signals.Add((i, signal.Direction));
                    Assert.That(signal.StopDistance, Is.EqualTo(signal.Atr * strategy.Definition.Exits.StopLossAtr).Within(1e-9));
                }
            }

            i++;
        }

        return signals;
    }

    private static IEnumerable<(double, double, double, double)> Wave(int bars, double period, double amplitude, double level = 1000)
    {
        for (var i = 0; i < bars; i++)
        {
            var c = level + (amplitude * Math.Sin(2 * Math.PI * i / period));
            var o = level + (amplitude * Math.Sin(2 * Math.PI * (i - 1) / period));
            yield return (o, Math.Max(o, c) + 1, Math.Min(o, c) - 1, c);
        }
    }

    [Test]
    public void Mama_fama_goes_long_after_a_trough_and_short_after_a_peak_of_a_slow_wave()
    {
        var strategy = One("""{"name":"m","type":"mama-fama-cross","symbols":["BTC-USD"],"parameters":{"source":"close"}}""");
        var signals = Feed(strategy, Wave(600, 60, 50));
        Assert.That(signals, Is.Not.Empty);
        Assert.That(signals.Select(s => s.Direction).Distinct(), Is.EquivalentTo(new[] { SignalDirection.Long, SignalDirection.Short }));
        for (var k = 1; k < signals.Count; k++)
        {
            Assert.That(signals[k].Direction, Is.Not.EqualTo(signals[k - 1].Direction), "crosses alternate");
        }

        foreach (var (bar, direction) in signals.Where(s => s.Bar > 200))
        {
            // A long cross follows the wave's trough (phase 3/4), a short one its peak (phase 1/4), lagging by less than 0.4 period.
            var phase = (bar % 60) / 60.0;
            var expected = direction == SignalDirection.Long ? 0.75 : 0.25;
            var distance = Math.Abs(phase - expected);
            Assert.That(Math.Min(distance, 1 - distance), Is.LessThan(0.4), $"bar {bar} {direction}");
        }
    }

    [Test]
    public void Short_signals_become_flat_when_shorts_are_not_allowed()
    {
        var strategy = One("""{"name":"m","type":"mama-fama-cross","symbols":["BTC-USD"],"allowShort":false}""");
        Assert.That(Feed(strategy, Wave(600, 60, 50)).Select(s => s.Direction).Distinct(), Is.EquivalentTo(new[] { SignalDirection.Long, SignalDirection.Flat }));
    }

    [Test]
    public void Gann_levels_follow_the_square_of_nine()
    {
        Assert.That(SquareOfNine.Level(100, 1), Is.EqualTo(10.25 * 10.25).Within(1e-12));
        Assert.That(SquareOfNine.Level(100, -8), Is.EqualTo(64).Within(1e-12), "a full turn down is −2 in √price");
        Assert.That(SquareOfNine.TryBracket(100, 104, 5, out var support, out var resistance), Is.True);
        Assert.That((support, resistance), Is.EqualTo((10.0 * 10.0, 10.25 * 10.25)));
        Assert.That(SquareOfNine.TryBracket(100, 200, 1, out _, out _), Is.False, "beyond one ring");
    }

    [Test]
    public void Gann_breakout_buys_a_close_through_a_level_and_sells_a_close_back_below()
    {
        var strategy = One("""{"name":"g","type":"gann-sq9","symbols":["BTC-USD"],"parameters":{"mode":"breakout","pivotLookback":20}}""");
        // 30 flat bars around 100 (pivot low 99), then a close through (√99 + 0.25)² ≈ 104 and back under.
        var bars = Enumerable.Range(0, 30).Select(_ => (100.0, 100.5, 99.0, 100.0)).ToList();
        bars.Add((100, 106, 100, 105.5));
        bars.Add((105.5, 105.6, 101, 101.5));
        var signals = Feed(strategy, bars);
        Assert.That(signals, Is.EqualTo(new[] { (30, SignalDirection.Long), (31, SignalDirection.Short) }));
    }

    [Test]
    public void Gann_bounce_buys_a_rejection_of_support_and_sells_a_rejection_of_resistance()
    {
        var strategy = One("""{"name":"g","type":"gann-sq9","symbols":["BTC-USD"],"parameters":{"mode":"bounce","pivotLookback":20,"tolerancePercent":0.5}}""");
        // Pivot: the lowest low 90, nearer the closes than the highest high 110. Levels around it: (√90 ± k/4)².
        var bars = Enumerable.Range(0, 25).Select(i => i == 10 ? (95.0, 110.0, 90.0, 95.0) : (96.0, 97.0, 95.5, 96.5)).ToList();
        var support = SquareOfNine.Level(90, SquareOfNine.StepBelow(90, 97.2));
        var resistance = SquareOfNine.Level(90, SquareOfNine.StepBelow(90, 97.2) + 1);
        bars.Add((97.0, 97.5, support * 1.002, 97.2));             // dips to support, closes up
        bars.Add((97.3, resistance * 0.998, 97.0, 97.1));         // reaches resistance, closes down
        var signals = Feed(strategy, bars);
        Assert.That(signals, Is.EqualTo(new[] { (25, SignalDirection.Long), (26, SignalDirection.Short) }));
    }

    [Test]
    public void The_ensemble_buys_a_steady_uptrend_sells_a_downtrend_and_never_turns_abstention_into_a_short()
    {
        var up = One("""{"name":"e","type":"ensemble","symbols":["BTC-USD"],"parameters":{"weights":{"trend":1,"momentum":1,"pattern":1},"threshold":0.4}}""");
        var rising = Enumerable.Range(0, 120).Select(i => 1000 * Math.Pow(1.004, i)).Select(c => (c / 1.004, c * 1.001, c / 1.005, c));
        var signals = Feed(up, rising);
        Assert.That(signals, Is.Not.Empty);
        Assert.That(signals.Select(s => s.Direction).Distinct(), Is.EqualTo(new[] { SignalDirection.Long }));

        var down = One("""{"name":"e","type":"ensemble","symbols":["BTC-USD"],"parameters":{"weights":{"trend":1,"momentum":1,"pattern":1}}}""");
        var falling = Enumerable.Range(0, 120).Select(i => 1000 * Math.Pow(0.996, i)).Select(c => (c / 0.996, c * 1.005, c * 0.999, c));
        Assert.That(Feed(down, falling).Select(s => s.Direction).Distinct(), Is.EqualTo(new[] { SignalDirection.Short }));

        var flat = One("""{"name":"e","type":"ensemble","symbols":["BTC-USD"],"parameters":{"weights":{"ehlers":1,"momentum":1,"trend":1,"pattern":1}}}""");
        Assert.That(Feed(flat, Enumerable.Range(0, 200).Select(_ => (1000.0, 1000.0, 1000.0, 1000.0))), Is.Empty, "no votes: HOLD, not a short (the original's bug)");
    }

    [TestCase("""{"name":"","type":"ensemble","symbols":["BTC-USD"]}""", "name", "needs a name")]
    [TestCase("""{"name":"x","type":"rsi-magic","symbols":["BTC-USD"]}""", "type", "unknown strategy type 'rsi-magic'")]
    [TestCase("""{"name":"x","type":"ensemble","symbols":[]}""", "symbols", "at least one symbol")]
    [TestCase("""{"name":"x","type":"ensemble","symbols":["DOGE"]}""", "symbols[0]", "unknown symbol 'DOGE'")]
    [TestCase("""{"name":"x","type":"ensemble","symbols":["BTC-USD"],"timeframe":"7m"}""", "timeframe", "'7m' is not a timeframe")]
    [TestCase("""{"name":"x","type":"mama-fama-cross","symbols":["BTC-USD"],"parameters":{"fastLimit":2}}""", "parameters.fastLimit", "outside")]
    [TestCase("""{"name":"x","type":"mama-fama-cross","symbols":["BTC-USD"],"parameters":{"fastLimit":"fast"}}""", "parameters.fastLimit", "expected a number")]
    [TestCase("""{"name":"x","type":"mama-fama-cross","symbols":["BTC-USD"],"parameters":{"fastLimt":0.4}}""", "parameters.fastLimt", "not a parameter")]
    [TestCase("""{"name":"x","type":"mama-fama-cross","symbols":["BTC-USD"],"parameters":{"fastLimit":0.1,"slowLimit":0.2}}""", "parameters.slowLimit", "above fastLimit")]
    [TestCase("""{"name":"x","type":"gann-sq9","symbols":["BTC-USD"],"parameters":{"mode":"sideways"}}""", "parameters.mode", "expected one of")]
    [TestCase("""{"name":"x","type":"ensemble","symbols":["BTC-USD"],"parameters":{"weights":{"gann_geometry":0.2}}}""", "parameters.weights.gann_geometry", "unknown name")]
    [TestCase("""{"name":"x","type":"ensemble","symbols":["BTC-USD"],"parameters":{"weights":{"gann":0}}}""", "parameters.weights", "above 0")]
    [TestCase("""{"name":"x","type":"ensemble","symbols":["BTC-USD"],"exits":{"stopLossAtr":-1}}""", "exits.stopLossAtr", "outside")]
    [TestCase("""{"name":"x","type":"ensemble","symbols":["BTC-USD"],"sizing":{"method":"martingale"}}""", "$.sizing.method", "")]
    [TestCase("""{"name":"x","type":"ensemble","symbols":["BTC-USD"],"sizing":{"kellyCap":1.5}}""", "sizing.kellyCap", "outside")]
    [TestCase("""{"name":"x","type":"ensemble","symbol":["BTC-USD"]}""", "$.symbol", "")]
    [TestCase("""{"name":"x",""", "$", "")]
    public void A_bad_strategy_file_names_the_file_the_field_and_why(string json, string field, string why)
    {
        var error = Assert.Throws<ConfigException>(() => StrategyLoader.Parse(json, "bad.json", Shipped.Registry));
        Assert.That(error!.File, Is.EqualTo("bad.json"));
        Assert.That(error.Field, Is.EqualTo(field).Or.StartWith(field));
        Assert.That(error.Message, Does.Contain(why));
    }

    [Test]
    public void Duplicate_names_and_too_many_strategies_on_one_instrument_are_refused()
    {
        var definition = new StrategyDefinition { Name = "a", Type = "ensemble", Symbols = ["BTC-USD"] };
        var duplicate = Assert.Throws<ConfigException>(() => StrategyLoader.Build([(definition, "a.json"), (definition, "b.json")], Shipped.Registry));
        Assert.That(duplicate!.Message, Does.Contain("a.json"));
        var many = Enumerable.Range(0, 5).Select(i => (definition with { Name = $"s{i}" }, $"s{i}.json")).ToArray();
        var crowded = Assert.Throws<ConfigException>(() => StrategyLoader.Build(many, Shipped.Registry));
        Assert.That(crowded!.Message, Does.Contain("already has 4 strategies"));
    }

    [Test]
    public void The_shipped_strategy_files_load()
    {
        var strategies = StrategyLoader.LoadDirectory(Shipped.StrategiesDirectory, Shipped.Registry);
        Assert.That(strategies.Select(s => s.Definition.Type), Is.EquivalentTo(new[] { "mama-fama-cross", "gann-sq9", "ensemble" }));
    }

    [Test]
    public void A_copy_decides_like_the_original_from_its_own_fresh_state()
    {
        var originals = StrategyLoader.LoadDirectory(Shipped.StrategiesDirectory, Shipped.Registry);
        var copies = StrategyLoader.Copy(originals);
        Assert.That(copies.Select(c => (c.Index, c.Instrument.Id, c.Timeframe, c.Definition)), Is.EqualTo(originals.Select(o => (o.Index, o.Instrument.Id, o.Timeframe, o.Definition))));
        var wave = Wave(400, 60, 80).ToArray();
        for (var i = 0; i < originals.Count; i++)
        {
            Assert.That(copies[i], Is.Not.SameAs(originals[i]));
            var fromOriginal = Feed(originals[i], wave);
            Assert.That(fromOriginal, Is.Not.Empty, originals[i].Name);
            Assert.That(Feed(copies[i], wave), Is.EqualTo(fromOriginal), "the copy starts fresh, not where the original stands");
        }
    }
}
