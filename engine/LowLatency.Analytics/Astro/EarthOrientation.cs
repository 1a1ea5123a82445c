namespace LowLatency.Analytics.Astro;

/// <summary>
/// Precession (IAU 1976, Lieske et al. 1977: ζ, z, θ), mean obliquity (IAU 1980) and nutation (IAU 1980 theory,
/// Meeus table 22.A), which turn J2000 ecliptic vectors into coordinates of the true ecliptic and equinox of date.
/// </summary>
internal sealed class EarthOrientation
{
    private const double ArcSeconds = Math.PI / (180 * 3600);

    private const double Degrees = Math.PI / 180;

    /// <summary>Mean obliquity of J2000 (IAU 1980), radians.</summary>
    private const double ObliquityJ2000 = 84381.448 * ArcSeconds;

    private readonly double[][] _nutation = [.. CoefficientTable.Read("nutation-iau1980.csv").Select(r => r.Numbers)];

    /// <summary>Nutation in longitude and obliquity (radians) at <paramref name="jdTt"/>.</summary>
    public (double Longitude, double Obliquity) Nutation(double jdTt)
    {
        var t = (jdTt - AstroTime.J2000) / 36525.0;
        var d = AstroTime.Polynomial(t, 297.85036, 445267.111480, -0.0019142, 1.0 / 189474) * Degrees;
        var m = AstroTime.Polynomial(t, 357.52772, 35999.050340, -0.0001603, -1.0 / 300000) * Degrees;
        var mp = AstroTime.Polynomial(t, 134.96298, 477198.867398, 0.0086972, 1.0 / 56250) * Degrees;
        var f = AstroTime.Polynomial(t, 93.27191, 483202.017538, -0.0036825, 1.0 / 327270) * Degrees;
        var omega = AstroTime.Polynomial(t, 125.04452, -1934.136261, 0.0020708, 1.0 / 450000) * Degrees;
        double dPsi = 0, dEps = 0;
        for (var i = _nutation.Length - 1; i >= 0; i--)
        {
            var row = _nutation[i];
            var (s, c) = Math.SinCos((row[0] * d) + (row[1] * m) + (row[2] * mp) + (row[3] * f) + (row[4] * omega));
            dPsi += s * (row[5] + (row[6] * t));
            dEps += c * (row[7] + (row[8] * t));
        }

        return (dPsi * 1e-4 * ArcSeconds, dEps * 1e-4 * ArcSeconds);
    }

    /// <summary>The mean obliquity of the ecliptic of date (IAU 1980), radians.</summary>
    public static double MeanObliquity(double jdTt)
    {
        var t = (jdTt - AstroTime.J2000) / 36525.0;
        return AstroTime.Polynomial(t, 84381.448, -46.8150, -0.00059, 0.001813) * ArcSeconds;
    }

    /// <summary>A J2000 ecliptic vector in the mean ecliptic and equinox of date.</summary>
    public static Vector3 ToEclipticOfDate(Vector3 eclipticJ2000, double jdTt)
    {
        var t = (jdTt - AstroTime.J2000) / 36525.0;
        var zeta = ((2306.2181 + ((0.30188 + (0.017998 * t)) * t)) * t) * ArcSeconds;
        var z = ((2306.2181 + ((1.09468 + (0.018203 * t)) * t)) * t) * ArcSeconds;
        var theta = ((2004.3109 - ((0.42665 + (0.041833 * t)) * t)) * t) * ArcSeconds;

        // Ecliptic J2000 → equator J2000 → (precession: R3(−z)·R2(θ)·R3(−ζ)) equator of date → ecliptic of date.
        var equatorial = eclipticJ2000.RotateX(-ObliquityJ2000);
        var ofDate = equatorial.RotateZ(-zeta).RotateY(theta).RotateZ(-z);
        return ofDate.RotateX(MeanObliquity(jdTt));
    }
}
