namespace LowLatency.Analytics.Gann;

/// <summary>
/// A Gann angle named "time x price" as Achelis names it (FORMULAS.md §11): <c>1x2</c> is one time unit per two
/// price units, so its line moves <see cref="Ratio"/> = 2 price units (of the chart's scale) per bar. The degrees
/// are Gann's quoted values, not atan(ratio).
/// </summary>
public sealed record GannAngle(string Name, double Ratio, double GannDegrees)
{
    /// <summary>The naming convention, stated in every response that lists angles.</summary>
    public const string Convention = "time x price (Achelis): 'AxB' moves B/A price units of the scale per bar, so 1x2 rises 2 units a bar (63.75°) and 2x1 rises 0.5 (26.25°)";

    /// <summary>The usual set, steepest first.</summary>
    public static readonly IReadOnlyList<GannAngle> All =
    [
        new("1x8", 8, 82.5), new("1x4", 4, 75), new("1x3", 3, 71.25), new("1x2", 2, 63.75), new("1x1", 1, 45),
        new("2x1", 0.5, 26.25), new("3x1", 1.0 / 3, 18.75), new("4x1", 0.25, 15), new("8x1", 0.125, 7.5),
    ];

    /// <summary>atan(ratio) in degrees: the drawn angle when one price unit of the scale is as tall as one bar is wide.</summary>
    public double GeometricDegrees => Math.Atan(Ratio) * 180 / Math.PI;

    /// <summary>The line's price <paramref name="bars"/> after the pivot: up from a low, down from a high.</summary>
    public double PriceAt(double pivotPrice, double pricePerBar, double bars, bool up) => pivotPrice + ((up ? 1 : -1) * Ratio * pricePerBar * bars);
}
