using LowLatency.Analytics.Gann;
using LowLatency.Analytics.Indicators;
using LowLatency.Analytics.Patterns;

namespace LowLatency.Analytics.Scanner;

/// <summary>
/// The multi-factor scan of one candle series (the original <c>HybridScanner</c>'s factors and weights):
/// Gann (price within 1 % of a Square-of-9 level centred on the lookback's nearer extreme: support buys,
/// resistance sells) 0.20, candlestick patterns at the last two bars 0.20, Ehlers (a MAMA/FAMA cross within 3 bars,
/// else Fisher beyond ±1.5 against its trigger) 0.15, volume (over 1.5× its 20-bar mean, in the direction of the bar)
/// 0.15, momentum (RSI(14) below 30 / above 70, or MACD histogram turning) 0.20, and where a trained model exists the
/// ML probability of a rise (beyond 0.55 or below 0.45) 0.15. The side with the larger weighted
/// score wins if it beats the other by 1.2×; confidence is that score over the total weight. Indicators are the
/// engine's streaming ones (<see cref="IndicatorSet"/>). Needs at least 50 bars.
/// </summary>
public static class ConfluenceScanner
{
    public const int MinimumBars = 50;

    public static ScanResult Scan(IReadOnlyList<OhlcvBar> bars, ScanSettings settings, double? mlProbabilityUp = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(settings);
        if (bars.Count < MinimumBars)
        {
            throw new ArgumentException($"the scanner needs at least {MinimumBars} bars, got {bars.Count}", nameof(bars));
        }

        var set = new IndicatorSet(hl2: false);
        var rows = new double[bars.Count][];
        for (var i = 0; i < bars.Count; i++)
        {
            rows[i] = new double[IndicatorSet.Columns.Count];
            set.Update(bars[i].High, bars[i].Low, bars[i].Close, rows[i]);
        }

        double V(int bar, string column) => rows[bar][IndicatorSet.IndexOf(column)];
        var last = bars.Count - 1;
        var price = bars[last].Close;
        var factors = new List<ScanFactor> { Gann(bars, price), Candles(bars), Ehlers(last, V), Volume(bars), Momentum(last, V) };
        if (mlProbabilityUp is { } p)
        {
            factors.Add(p > 0.55 ? new ScanFactor("ml", 0.15, 1, Math.Min(1, (p - 0.5) * 4), $"model: {p:P1} probability of a rise")
                : p < 0.45 ? new ScanFactor("ml", 0.15, -1, Math.Min(1, (0.5 - p) * 4), $"model: {p:P1} probability of a rise")
                : new ScanFactor("ml", 0.15, 0, 0, $"model: {p:P1} probability of a rise (neutral)"));
        }

        var buy = factors.Where(f => f.Vote > 0).Sum(f => f.Weight * f.Strength);
        var sell = factors.Where(f => f.Vote < 0).Sum(f => f.Weight * f.Strength);
        var direction = buy > 1.2 * sell && buy > 0 ? 1 : sell > 1.2 * buy && sell > 0 ? -1 : 0;
        var confidence = Math.Round((direction > 0 ? buy : direction < 0 ? sell : 0) / factors.Sum(f => f.Weight), 4);
        var confluence = direction == 0 ? 0 : factors.Count(f => f.Vote == direction);

        var atr = V(last, "atr14");
        atr = double.IsFinite(atr) && atr > 0 ? atr : MeanTrueRange.Of(bars);
        var side = direction >= 0 ? 1 : -1;
        var risk = ScanSettings.StopAtrMultiple * atr;
        var reward = settings.FixedRiskRewardMode ? settings.FixedRiskReward * risk : settings.TargetAtrMultiple * atr;
        return new ScanResult(direction, confidence, confluence, price, price - (side * risk), price + (side * reward), risk > 0 ? Math.Round(reward / risk, 4) : 0, bars[last].OpenTimeMs, factors);
    }

    private static ScanFactor Gann(IReadOnlyList<OhlcvBar> bars, double price)
    {
        var centre = Pivots.NearerExtreme(bars, 100, price).Price;
        if (!SquareOfNine.TryBracket(centre, price, 10, out var support, out var resistance))
        {
            return new ScanFactor("gann", 0.20, 0, 0, "price outside ten rings of the Square of 9");
        }

        var toSupport = (price - support) / price;
        var toResistance = (resistance - price) / price;
        return toSupport <= 0.01 && toSupport <= toResistance ? new ScanFactor("gann", 0.20, 1, 1 - (toSupport / 0.01 * 0.5), $"within {toSupport:P2} above the Square-of-9 level {support:G8}")
            : toResistance <= 0.01 ? new ScanFactor("gann", 0.20, -1, 1 - (toResistance / 0.01 * 0.5), $"within {toResistance:P2} below the Square-of-9 level {resistance:G8}")
            : new ScanFactor("gann", 0.20, 0, 0, "no Square-of-9 level within 1 %");
    }

    private static ScanFactor Candles(IReadOnlyList<OhlcvBar> bars)
    {
        var recent = CandlestickPatterns.At(bars, bars.Count - 1).Concat(CandlestickPatterns.At(bars, bars.Count - 2)).Where(m => m.Direction != 0).ToList();
        if (recent.Count == 0)
        {
            return new ScanFactor("candlestick", 0.20, 0, 0, "no directional pattern at the last two bars");
        }

        var best = recent.MaxBy(m => m.Strength);
        return new ScanFactor("candlestick", 0.20, best.Direction, best.Strength, $"{best.Pattern} at bar {best.Bar}");
    }

    private static ScanFactor Ehlers(int last, Func<int, string, double> v)
    {
        for (var i = last; i > last - 3 && i > 0; i--)
        {
            var before = v(i - 1, "mama") - v(i - 1, "fama");
            var after = v(i, "mama") - v(i, "fama");
            if (double.IsFinite(before) && double.IsFinite(after) && Math.Sign(before) != Math.Sign(after) && after != 0)
            {
                return new ScanFactor("ehlers", 0.15, Math.Sign(after), 0.8, $"MAMA crossed {(after > 0 ? "above" : "below")} FAMA {last - i} bar(s) ago");
            }
        }

        var fisher = v(last, "fisher");
        var trigger = v(last, "fisher_trigger");
        return fisher < -1.5 && fisher > trigger ? new ScanFactor("ehlers", 0.15, 1, 0.65, $"Fisher {fisher:F2} turning up from below −1.5")
            : fisher > 1.5 && fisher < trigger ? new ScanFactor("ehlers", 0.15, -1, 0.65, $"Fisher {fisher:F2} turning down from above 1.5")
            : new ScanFactor("ehlers", 0.15, 0, 0, "no MAMA/FAMA cross in 3 bars, Fisher inside ±1.5");
    }

    private static ScanFactor Volume(IReadOnlyList<OhlcvBar> bars)
    {
        var last = bars[^1];
        var mean = bars.Skip(Math.Max(0, bars.Count - 21)).Take(Math.Min(20, bars.Count - 1)).Average(b => b.Volume);
        var ratio = mean > 0 ? last.Volume / mean : 0;
        var direction = Math.Sign(last.Close - last.Open);
        return ratio > 1.5 && direction != 0
            ? new ScanFactor("volume", 0.15, direction, ratio > 2 ? 1 : 0.7, $"volume {ratio:F2}× its 20-bar mean on a {(direction > 0 ? "rising" : "falling")} bar")
            : new ScanFactor("volume", 0.15, 0, 0, $"volume {ratio:F2}× its 20-bar mean");
    }

    private static ScanFactor Momentum(int last, Func<int, string, double> v)
    {
        var rsi = v(last, "rsi14");
        var histogram = v(last, "macd_hist");
        var previous = v(last - 1, "macd_hist");
        var turningUp = histogram > 0 && previous <= 0;
        var turningDown = histogram < 0 && previous >= 0;
        return rsi < 30 || (turningUp && rsi < 50) ? new ScanFactor("momentum", 0.20, 1, rsi < 25 ? 1 : 0.75, $"RSI {rsi:F1}, MACD histogram {histogram:G4}")
            : rsi > 70 || (turningDown && rsi > 50) ? new ScanFactor("momentum", 0.20, -1, rsi > 75 ? 1 : 0.75, $"RSI {rsi:F1}, MACD histogram {histogram:G4}")
            : new ScanFactor("momentum", 0.20, 0, 0, $"RSI {rsi:F1}, MACD histogram {histogram:G4}");
    }
}
