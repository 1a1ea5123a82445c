using LowLatency.Analytics.Alerts;
using LowLatency.Analytics.Astro;
using LowLatency.Analytics.Indicators;

namespace LowLatency.Engine.Tests.Analytics;

/// <summary>Alert rules on a replayed feed: crossings fire once per crossing and respect the cool-down; indicator, Gann, astro and risk rules.</summary>
public sealed class AlertEvaluatorTests
{
    private const long Second = 1000;

    [Test]
    public void A_price_cross_fires_on_each_crossing_outside_the_cooldown()
    {
        var evaluator = new AlertEvaluator(new AlertRule { Id = "r1", Name = "BTC 100", Kind = AlertKind.PriceCross, Symbol = "BTC-USD", Level = 100, CooldownSeconds = 10 });
        double[] feed = [98, 99, 101, 102, 99, 101, 103, 97];
        var fired = feed.Select((p, i) => evaluator.OnPrice("BTC-USD", p, i * 6 * Second)).Where(a => a is not null).ToList();
        // Crossings at t = 12 s (up), 24 s (down), 30 s (up: only 6 s after, inside the cool-down), 42 s (down).
        Assert.That(fired.Select(a => a!.TimeMs), Is.EqualTo(new[] { 12 * Second, 24 * Second, 42 * Second }));
        Assert.That(fired[0]!.Message, Does.Contain("above 100"));
        Assert.That(evaluator.OnPrice("ETH-USD", 50, 100 * Second), Is.Null, "other symbols are ignored");
    }

    [Test]
    public void Direction_limits_the_crossings()
    {
        var up = new AlertEvaluator(new AlertRule { Id = "u", Kind = AlertKind.PriceCross, Level = 100, Direction = "above", CooldownSeconds = 0 });
        double[] feed = [99, 101, 99, 101];
        Assert.That(feed.Select((p, i) => up.OnPrice("X", p, i * Second)).Count(a => a is not null), Is.EqualTo(2));
    }

    [Test]
    public void An_indicator_rule_fires_when_rsi_crosses_its_threshold_on_a_replayed_series()
    {
        var rule = new AlertRule { Id = "rsi", Kind = AlertKind.Indicator, Symbol = "X", Indicator = "rsi14", Threshold = 70, Direction = "above", CooldownSeconds = 0 };
        var evaluator = new AlertEvaluator(rule);
        var set = new IndicatorSet();
        var values = new double[IndicatorSet.Columns.Count];
        var fired = new List<FiredAlert>();
        var price = 100.0;
        for (var i = 0; i < 60; i++)
        {
            price += i < 30 ? -0.5 : 2; // a fall, then a strong rise that pushes RSI through 70
            set.Update(price + 0.5, price - 0.5, price, values);
            if (evaluator.OnIndicator("X", values[IndicatorSet.IndexOf("rsi14")], i * Second) is { } alert)
            {
                fired.Add(alert);
            }
        }

        Assert.That(fired, Has.Count.EqualTo(1));
        Assert.That(fired[0].Value, Is.GreaterThan(70));
    }

    [Test]
    public void A_gann_touch_fires_near_a_square_of_nine_level()
    {
        var evaluator = new AlertEvaluator(new AlertRule { Id = "g", Kind = AlertKind.GannTouch, Level = 100, TolerancePercent = 0.1, CooldownSeconds = 0 });
        Assert.That(evaluator.OnPrice("X", 107, 0), Is.Null, "between 105.0625 and 110.25");
        var touch = evaluator.OnPrice("X", 110.2, Second);
        Assert.That(touch, Is.Not.Null);
        Assert.That(touch!.Message, Does.Contain("110.25"));
    }

    [Test]
    public void Astro_events_ahead_fire_once_each()
    {
        var evaluator = new AlertEvaluator(new AlertRule { Id = "a", Kind = AlertKind.AstroEvent, WithinHours = 48 });
        var now = new DateTimeOffset(2024, 1, 10, 12, 0, 0, TimeSpan.Zero);
        var upcoming = AstroEvents.Between(now, now.AddDays(3));
        var first = evaluator.OnClock(upcoming, now.ToUnixTimeMilliseconds()).ToList();
        Assert.That(first.Any(a => a.Message.Contains("New Moon", StringComparison.Ordinal)), Is.True, "the 2024-01-11 new moon is within 48 h");
        Assert.That(evaluator.OnClock(upcoming, now.AddMinutes(1).ToUnixTimeMilliseconds()), Is.Empty, "already announced");
    }

    [Test]
    public void Risk_events_fire_and_disabled_rules_never_do()
    {
        var risk = new AlertRule { Id = "k", Kind = AlertKind.RiskEvent, CooldownSeconds = 0 };
        Assert.That(new AlertEvaluator(risk).OnRiskEvent(null, "trading halted: DailyLossLimit", 0)!.Message, Does.Contain("halted"));
        Assert.That(new AlertEvaluator(risk with { Enabled = false }).OnRiskEvent(null, "halted", 0), Is.Null);
        Assert.That(new AlertEvaluator(new AlertRule { Id = "p", Kind = AlertKind.PriceCross, Level = 1, Enabled = false }).OnPrice("X", 2, 0), Is.Null);
    }

    [Test]
    public void Events_out_of_time_order_as_several_shards_send_them_fire_unless_within_the_cool_down_of_the_last()
    {
        var none = new AlertEvaluator(new AlertRule { Id = "n", Kind = AlertKind.RiskEvent, CooldownSeconds = 0 });
        Assert.That(none.OnRiskEvent(null, "shard s1: halted", 10_005), Is.Not.Null);
        Assert.That(none.OnRiskEvent(null, "shard s2: halted", 10_000), Is.Not.Null, "no cool-down: an event a moment older fires too");

        var ten = new AlertEvaluator(new AlertRule { Id = "t", Kind = AlertKind.RiskEvent, CooldownSeconds = 10 });
        Assert.That(ten.OnRiskEvent(null, "a", 100_000), Is.Not.Null);
        Assert.That(ten.OnRiskEvent(null, "b", 95_000), Is.Null, "5 s before the last firing: within its cool-down");
        Assert.That(ten.OnRiskEvent(null, "c", 80_000), Is.Not.Null, "20 s before it: outside");
        Assert.That(ten.OnRiskEvent(null, "d", 105_000), Is.Null, "the cool-down runs from the latest firing");
        Assert.That(ten.OnRiskEvent(null, "e", 110_000), Is.Not.Null);
    }

    [Test]
    public void An_evaluator_taking_over_keeps_the_cool_down_and_the_announced_events_and_forgets_prices_it_saw_before()
    {
        var rule = new AlertRule { Id = "c", Kind = AlertKind.PriceCross, Level = 100, CooldownSeconds = 60 };
        var before = new AlertEvaluator(rule);
        Assert.That(before.OnPrice("X", 99, 0), Is.Null);
        var fired = before.OnPrice("X", 101, 10 * Second)!;

        var next = new AlertEvaluator(rule);
        next.TakeOver([(fired.TimeMs, fired.Message)]);
        Assert.That(next.OnPrice("X", 99, 20 * Second), Is.Null, "no previous price yet");
        Assert.That(next.OnPrice("X", 101, 30 * Second), Is.Null, "a crossing within the cool-down of the firing before the handover");
        Assert.That(next.OnPrice("X", 99, 80 * Second), Is.Not.Null, "and one after it");

        // A bridge that evaluated before, lost the lease and takes it back counts from the next price, not its old one.
        var back = new AlertEvaluator(rule with { CooldownSeconds = 0 });
        Assert.That(back.OnPrice("X", 90, 0), Is.Null);
        back.TakeOver([]);
        Assert.That(back.OnPrice("X", 105, 100 * Second), Is.Null, "90 was seen before the handover: the level may have been crossed, and alerted, since");
        Assert.That(back.OnPrice("X", 95, 101 * Second), Is.Not.Null);

        var astro = new AlertRule { Id = "a", Kind = AlertKind.AstroEvent, WithinHours = 48 };
        var now = new DateTimeOffset(2024, 1, 10, 12, 0, 0, TimeSpan.Zero);
        var upcoming = AstroEvents.Between(now, now.AddDays(3));
        var announced = new AlertEvaluator(astro).OnClock(upcoming, now.ToUnixTimeMilliseconds()).ToList();
        var successor = new AlertEvaluator(astro);
        successor.TakeOver(announced.Select(a => (a.TimeMs, a.Message)));
        Assert.That(announced, Is.Not.Empty);
        Assert.That(successor.OnClock(upcoming, now.AddMinutes(1).ToUnixTimeMilliseconds()), Is.Empty, "announced by the evaluator before");
    }
}
