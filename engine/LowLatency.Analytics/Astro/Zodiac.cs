namespace LowLatency.Analytics.Astro;

/// <summary>The tropical zodiac: twelve 30° signs from the true equinox of date.</summary>
public static class Zodiac
{
    public static readonly IReadOnlyList<string> Signs =
        ["Aries", "Taurus", "Gemini", "Cancer", "Leo", "Virgo", "Libra", "Scorpio", "Sagittarius", "Capricorn", "Aquarius", "Pisces"];

    /// <summary>The sign index 0 … 11 of an ecliptic longitude.</summary>
    public static int SignIndex(double longitude) => Math.Min(11, (int)(Angles.Normalize(longitude) / 30.0));

    public static string Sign(double longitude) => Signs[SignIndex(longitude)];

    /// <summary>Degrees within the sign, [0, 30).</summary>
    public static double DegreeInSign(double longitude) => Angles.Normalize(longitude) - (30.0 * SignIndex(longitude));
}
