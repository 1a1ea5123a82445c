namespace LowLatency.Analytics.Optimisation;

/// <summary>
/// One searched parameter: a continuous or whole-number range [<see cref="Min"/>, <see cref="Max"/>], or a choice
/// among <see cref="Choices"/>. Searches work in the unit cube and <see cref="Decode"/> maps a coordinate to a value.
/// </summary>
public sealed record Dimension(string Name, DimensionKind Kind, double Min, double Max, IReadOnlyList<string>? Choices = null)
{
    public static Dimension Continuous(string name, double min, double max) => new(name, DimensionKind.Continuous, min, max);

    public static Dimension Integer(string name, int min, int max) => new(name, DimensionKind.Integer, min, max);

    public static Dimension Categorical(string name, IReadOnlyList<string> choices) => new(name, DimensionKind.Categorical, 0, choices.Count - 1, choices);

    /// <summary>The value at unit coordinate <paramref name="u"/> in [0, 1]: a double, an int or a string.</summary>
    public object Decode(double u)
    {
        u = Math.Clamp(u, 0, 1);
        return Kind switch
        {
            DimensionKind.Continuous => Min + (u * (Max - Min)),
            DimensionKind.Integer => (int)Math.Round(Min + (u * (Max - Min))),
            _ => Choices![(int)Math.Min(Choices.Count - 1, Math.Floor(u * Choices.Count))],
        };
    }

    /// <summary>The distinct values a grid of <paramref name="points"/> per dimension visits, as unit coordinates.</summary>
    public IReadOnlyList<double> GridCoordinates(int points)
    {
        var count = Kind switch
        {
            DimensionKind.Integer => Math.Min(points, (int)(Max - Min) + 1),
            DimensionKind.Categorical => Choices!.Count,
            _ => points,
        };
        return Kind == DimensionKind.Categorical
            ? [.. Enumerable.Range(0, count).Select(i => (i + 0.5) / count)]
            : count == 1 ? [0.5] : [.. Enumerable.Range(0, count).Select(i => (double)i / (count - 1))];
    }
}
