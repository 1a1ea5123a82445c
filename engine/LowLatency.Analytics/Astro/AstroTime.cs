namespace LowLatency.Analytics.Astro;

/// <summary>
/// Time scales for the ephemeris: Julian dates of UT, ΔT (TT − UT) from the Espenak–Meeus polynomials
/// (NASA, "Polynomial expressions for Delta T", 2006; their year argument counts mean tropical years from
/// 2000-01-15), and the supported range.
/// </summary>
public static class AstroTime
{
    /// <summary>JD of 2000-01-01 12:00 TT (J2000.0).</summary>
    public const double J2000 = 2451545.0;

    public static readonly DateTimeOffset SupportedFrom = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset SupportedTo = new(2100, 12, 31, 23, 59, 59, TimeSpan.Zero);

    private const double DaysPerTropicalYear = 365.24217;

    private static readonly DateTimeOffset UnixEpoch = DateTimeOffset.UnixEpoch;

    /// <summary>The supported range in words, for error messages.</summary>
    public static string RangeText => $"{SupportedFrom:yyyy-MM-dd} to {SupportedTo:yyyy-MM-dd} (UTC)";

    public static bool IsSupported(DateTimeOffset utc) => utc >= SupportedFrom && utc <= SupportedTo;

    /// <summary>The Julian date of a UTC instant (UT1 taken as UTC: the difference is under a second).</summary>
    public static double JulianDay(DateTimeOffset utc) => 2440587.5 + ((utc - UnixEpoch).TotalMilliseconds / 86_400_000.0);

    /// <summary>The UTC instant of a Julian date, to the millisecond.</summary>
    public static DateTimeOffset FromJulianDay(double jdUt) => UnixEpoch.AddMilliseconds(Math.Round((jdUt - 2440587.5) * 86_400_000.0));

    /// <summary>TT − UT in seconds at the Julian date <paramref name="jdUt"/>.</summary>
    public static double DeltaTSeconds(double jdUt)
    {
        var y = 2000 + ((jdUt - J2000 - 14) / DaysPerTropicalYear);
        double u;
        return y switch
        {
            < 1860 => Polynomial(y - 1800, 13.72, -0.332447, 0.0068612, 0.0041116, -0.00037436, 0.0000121272, -0.0000001699, 0.000000000875),
            < 1900 => Polynomial(y - 1860, 7.62, 0.5737, -0.251754, 0.01680668, -0.0004473624, 1.0 / 233174),
            < 1920 => Polynomial(y - 1900, -2.79, 1.494119, -0.0598939, 0.0061966, -0.000197),
            < 1941 => Polynomial(y - 1920, 21.20, 0.84493, -0.076100, 0.0020936),
            < 1961 => Polynomial(y - 1950, 29.07, 0.407, -1.0 / 233, 1.0 / 2547),
            < 1986 => Polynomial(y - 1975, 45.45, 1.067, -1.0 / 260, -1.0 / 718),
            < 2005 => Polynomial(y - 2000, 63.86, 0.3345, -0.060374, 0.0017275, 0.000651814, 0.00002373599),
            < 2050 => Polynomial(y - 2000, 62.92, 0.32217, 0.005589),
            < 2150 => -20 + (32 * (u = (y - 1820) / 100) * u) - (0.5628 * (2150 - y)),
            _ => -20 + (32 * (u = (y - 1820) / 100) * u),
        };
    }

    /// <summary>The Julian ephemeris date (TT) of a Julian date of UT.</summary>
    public static double TerrestrialTime(double jdUt) => jdUt + (DeltaTSeconds(jdUt) / 86_400.0);

    /// <summary>Horner evaluation of c0 + c1·x + c2·x² …</summary>
    internal static double Polynomial(double x, params ReadOnlySpan<double> coefficients)
    {
        var sum = 0.0;
        for (var i = coefficients.Length - 1; i >= 0; i--)
        {
            sum = (sum * x) + coefficients[i];
        }

        return sum;
    }
}
