using LowLatency.Analytics.Astro;
using LowLatency.Analytics.Gann;

namespace LowLatency.Analytics.Alerts;

/// <summary>
/// Evaluates one rule against the stream: prices (price cross, Gann touch), closed-bar indicator values, the clock
/// (astro events ahead, each event once) and engine risk events. A crossing fires when the value moves from one
/// side of the level to the other (not while it stays there); every firing respects the rule's cool-down. Not
/// thread-safe: one evaluator is fed from one loop.
/// </summary>
public sealed class AlertEvaluator(AlertRule rule)
{
    private readonly HashSet<string> _astroAnnounced = new(StringComparer.Ordinal);
    private double _previousPrice = double.NaN;
    private double _previousIndicator = double.NaN;
    private long _lastFiredMs = long.MinValue;
    private int _sequence;

    public AlertRule Rule { get; } = rule;

    public FiredAlert? OnPrice(string symbol, double price, long timeMs)
    {
        if (!Matches(symbol) || !(price > 0))
        {
            return null;
        }

        var previous = _previousPrice;
        _previousPrice = price;
        switch (Rule.Kind)
        {
            case AlertKind.PriceCross when Rule.Level is { } level && Crossed(previous, price, level):
                return Fire(timeMs, price, $"{symbol} crossed {(price > level ? "above" : "below")} {level:G10} at {price:G10}");
            case AlertKind.GannTouch when Rule.Level is { } centre && SquareOfNine.TryBracket(centre, price, 20, out var support, out var resistance):
                var tolerance = price * Rule.TolerancePercent / 100;
                var touched = Math.Abs(price - support) <= tolerance ? support : Math.Abs(resistance - price) <= tolerance ? resistance : double.NaN;
                return double.IsNaN(touched) ? null : Fire(timeMs, price, $"{symbol} at {price:G10} touches the Square-of-9 level {touched:G10} (centre {centre:G10})");
            default:
                return null;
        }
    }

    /// <summary>An indicator rule at a bar close: <paramref name="value"/> is the rule's indicator column.</summary>
    public FiredAlert? OnIndicator(string symbol, double value, long timeMs)
    {
        if (Rule.Kind != AlertKind.Indicator || !Matches(symbol) || Rule.Threshold is not { } threshold || !double.IsFinite(value))
        {
            return null;
        }

        var previous = _previousIndicator;
        _previousIndicator = value;
        return Crossed(previous, value, threshold) ? Fire(timeMs, value, $"{symbol} {Rule.Indicator} crossed {(value > threshold ? "above" : "below")} {threshold:G10} ({value:G6})") : null;
    }

    /// <summary>An astro rule: the events within the window ahead of <paramref name="nowMs"/> not yet announced.</summary>
    public IEnumerable<FiredAlert> OnClock(IReadOnlyList<AstroEvent> upcoming, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(upcoming);
        if (Rule.Kind != AlertKind.AstroEvent || !Rule.Enabled)
        {
            yield break;
        }

        foreach (var e in upcoming)
        {
            var ms = e.Utc.ToUnixTimeMilliseconds();
            var message = $"{e.Description} at {e.Utc:yyyy-MM-dd HH:mm} UTC"; // also the event's key: what a taken-over evaluator was told was announced
            if (ms >= nowMs && ms - nowMs <= Rule.WithinHours * 3_600_000 && _astroAnnounced.Add(message))
            {
                yield return new FiredAlert(NextId(nowMs), Rule.Id, Rule.Name, Rule.Kind, null, nowMs, e.Longitude, message);
            }
        }
    }

    /// <summary>
    /// Picks up where another evaluator of the rule left off (the cluster's alert lease handed over, a restart): the
    /// cool-down runs from the latest of <paramref name="firedBefore"/>, the astro events among them are not announced
    /// again, and a crossing counts only from the next value seen here, never from one seen before this evaluator
    /// stopped evaluating (the level may have been crossed, and alerted, meanwhile).
    /// </summary>
    public void TakeOver(IEnumerable<(long TimeMs, string Message)> firedBefore)
    {
        ArgumentNullException.ThrowIfNull(firedBefore);
        (_previousPrice, _previousIndicator) = (double.NaN, double.NaN);
        foreach (var (timeMs, message) in firedBefore)
        {
            _lastFiredMs = Math.Max(_lastFiredMs, timeMs);
            if (Rule.Kind == AlertKind.AstroEvent)
            {
                _astroAnnounced.Add(message);
            }
        }
    }

    /// <summary>A risk rule: the engine halted (with its reason) or rejected an order.</summary>
    public FiredAlert? OnRiskEvent(string? symbol, string what, long timeMs) =>
        Rule.Kind == AlertKind.RiskEvent && Rule.Enabled && (Rule.Symbol is null || Matches(symbol ?? "")) ? Fire(timeMs, null, what) : null;

    private bool Matches(string symbol) => Rule.Enabled && (Rule.Symbol is null || string.Equals(Rule.Symbol, symbol, StringComparison.OrdinalIgnoreCase));

    private bool Crossed(double previous, double current, double level) => !double.IsNaN(previous) && Rule.Direction switch
    {
        "above" => previous <= level && current > level,
        "below" => previous >= level && current < level,
        _ => (previous <= level && current > level) || (previous >= level && current < level),
    };

    private FiredAlert? Fire(long timeMs, double? value, string message)
    {
        // Within the cool-down of the last firing, on either side of it: events of several shards need not arrive in time order.
        if (_lastFiredMs != long.MinValue && Math.Abs(timeMs - _lastFiredMs) < Rule.CooldownSeconds * 1000)
        {
            return null;
        }

        _lastFiredMs = Math.Max(_lastFiredMs, timeMs);
        return new FiredAlert(NextId(timeMs), Rule.Id, Rule.Name, Rule.Kind, Rule.Symbol, timeMs, value, message);
    }

    private string NextId(long timeMs) => $"{Rule.Id}-{timeMs}-{++_sequence}";
}
