using LowLatency.Analytics.Indicators;

namespace LowLatency.Analytics.Patterns;

/// <summary>
/// Market regime from daily candles: <c>volatile</c> when the latest 14-day ATR (as a share of price) is over
/// 1.5× its median over the window; else <c>trending_up</c> / <c>trending_down</c> when ADX(14) ≥ 25 (direction:
/// the close against its 50-day mean); else <c>ranging</c>.
/// </summary>
public static class RegimeDetector
{
    public static Regime Detect(IReadOnlyList<OhlcvBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var adx = new AverageDirectionalIndex(14);
        var atr = new AverageTrueRange(14);
        var atrShares = new List<double>();
        foreach (var bar in bars)
        {
            adx.Update(bar.High, bar.Low, bar.Close);
            atr.Update(bar.High, bar.Low, bar.Close);
            if (atr.IsReady)
            {
                atrShares.Add(atr.Value / bar.Close);
            }
        }

        var last = bars[^1].Close;
        var mean = bars.TakeLast(50).Average(b => b.Close);
        var sorted = atrShares.Order().ToList();
        var median = sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
        var current = atrShares.Count == 0 ? 0 : atrShares[^1];
        var strength = double.IsNaN(adx.Value) ? 0 : adx.Value;
        var name = median > 0 && current > 1.5 * median ? "volatile"
            : strength >= 25 ? (last >= mean ? "trending_up" : "trending_down")
            : "ranging";
        return new Regime(name, Math.Round(strength, 4), Math.Round(current, 6), Math.Round(median, 6));
    }
}
