namespace LowLatency.Analytics.Astro;

/// <summary>Wire and column names of the bodies (lower case, as in <c>astro.csv</c> and the API).</summary>
public static class BodyNames
{
    public static readonly IReadOnlyList<Body> All = Enum.GetValues<Body>();

    /// <summary>The planets with a geocentric retrograde motion (all but the Sun and the Moon).</summary>
    public static readonly IReadOnlyList<Body> Planets = [.. All.Where(b => b is not (Body.Sun or Body.Moon))];

    private static readonly string[] Names = [.. All.Select(b => b.ToString().ToLowerInvariant())];

    public static string Name(this Body body) => Names[(int)body];

    public static bool TryParse(string text, out Body body)
    {
        var index = Array.IndexOf(Names, text.Trim().ToLowerInvariant());
        body = index < 0 ? default : (Body)index;
        return index >= 0;
    }
}
