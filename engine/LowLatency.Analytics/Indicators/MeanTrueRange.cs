namespace LowLatency.Analytics.Indicators;

/// <summary>
/// The simple mean of the last <c>period</c> true ranges: a chart's price-per-bar scale (Gann angles, zone widths,
/// a zig-zag's reversal), which should not depend on where a smoothing began. Not Wilder's ATR: that is
/// <see cref="AverageTrueRange"/>, which the strategies and the agent's stops use.
/// </summary>
public static class MeanTrueRange
{
    /// <summary>The mean of the last <paramref name="period"/> true ranges (fewer when fewer bars); one bar's range alone; NaN without bars.</summary>
    public static double Of(IReadOnlyList<OhlcvBar> bars, int period = 14)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        if (bars.Count < 2)
        {
            return bars.Count == 1 ? bars[0].High - bars[0].Low : double.NaN;
        }

        var n = Math.Min(period, bars.Count - 1);
        var sum = 0.0;
        for (var i = bars.Count - n; i < bars.Count; i++)
        {
            sum += TaLibMath.TrueRange(bars[i].High, bars[i].Low, bars[i - 1].Close);
        }

        return sum / n;
    }
}
