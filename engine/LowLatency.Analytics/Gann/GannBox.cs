namespace LowLatency.Analytics.Gann;

/// <summary>
/// The Gann box of a range: its octaves (0/8 … 8/8) and thirds, the frontend's <c>calculateGannBoxLevels</c>.
/// Levels are measured from the low.
/// </summary>
public static class GannBox
{
    public static IReadOnlyList<(string Name, double Fraction)> Divisions { get; } =
    [
        ("0/8", 0), ("1/8", 0.125), ("2/8", 0.25), ("1/3", 1.0 / 3), ("3/8", 0.375), ("4/8", 0.5), ("5/8", 0.625),
        ("2/3", 2.0 / 3), ("6/8", 0.75), ("7/8", 0.875), ("8/8", 1),
    ];

    /// <summary>Each division's price between <paramref name="low"/> and <paramref name="high"/>.</summary>
    public static List<(string Name, double Fraction, double Price)> Levels(double high, double low)
    {
        if (!(high > low))
        {
            throw new ArgumentException("the box's high must be above its low");
        }

        return [.. Divisions.Select(d => (d.Name, d.Fraction, low + (d.Fraction * (high - low))))];
    }
}
