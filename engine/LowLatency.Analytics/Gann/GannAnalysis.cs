using LowLatency.Analytics.Indicators;

namespace LowLatency.Analytics.Gann;

/// <summary>
/// The Gann full analysis (contract 2.19) of a candle series. The Square-of-9 centre is the original engine's
/// automatic pivot: of the highest high and the lowest low of the last <c>pivotLookback</c> bars, the one nearer
/// the last close (ties: the low). Levels span <c>rings</c> rings. The fan runs from the same pivot (up from a low,
/// down from a high) at <c>pricePerBar</c> price units per bar (default: the mean true range of the last 14 bars).
/// Trend: above both 1x1 lines (up from the lookback's low, down from its high) is bullish, below both bearish,
/// otherwise neutral; strength is the distance from the deciding 1x1 line in units of 4 × pricePerBar, capped at 1.
/// </summary>
public sealed record GannAnalysis(
    double Price,
    Pivot Centre,
    IReadOnlyList<GannLevel> Levels,
    double NearestSupport,
    double NearestResistance,
    IReadOnlyList<(GannAngle Angle, bool Up, double Price)> Fan,
    double PricePerBar,
    string Trend,
    double Strength)
{
    public static GannAnalysis Run(IReadOnlyList<OhlcvBar> bars, int pivotLookback, int rings, double? pricePerBar)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var price = bars[^1].Close;
        var (high, low) = Pivots.Extremes(bars, pivotLookback);
        var centre = Pivots.Nearer(high, low, price);
        var levels = SquareOfNine.Levels(centre.Price, rings);
        var (support, resistance) = NearestLevels.Around(levels.Select(l => l.Price), price);

        var scale = pricePerBar ?? MeanTrueRange.Of(bars);
        var last = bars.Count - 1;
        var fan = GannAngle.All.Select(a => (a, !centre.IsHigh, a.PriceAt(centre.Price, scale, last - centre.Bar, up: !centre.IsHigh))).ToList();

        var oneByOne = GannAngle.All.Single(a => a.Name == "1x1");
        var fromLow = oneByOne.PriceAt(low.Price, scale, last - low.Bar, up: true);
        var fromHigh = oneByOne.PriceAt(high.Price, scale, last - high.Bar, up: false);
        var (trend, line) = price > fromLow && price > fromHigh ? ("Bullish", fromLow)
            : price < fromHigh && price < fromLow ? ("Bearish", fromHigh)
            : ("Neutral", Math.Abs(price - fromLow) < Math.Abs(price - fromHigh) ? fromLow : fromHigh);
        var strength = scale > 0 ? Math.Min(1, Math.Abs(price - line) / (4 * scale)) : 0;
        return new GannAnalysis(price, centre, levels, support, resistance, fan, scale, trend, Math.Round(strength, 4));
    }
}
