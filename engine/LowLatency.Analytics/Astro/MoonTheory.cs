namespace LowLatency.Analytics.Astro;

/// <summary>
/// The Moon's geocentric position from J. Meeus, <i>Astronomical Algorithms</i> ch. 47 (the principal terms of
/// Chapront's ELP-2000/82): longitude and latitude referred to the mean ecliptic and equinox of date, and the
/// distance in km.
/// </summary>
internal sealed class MoonTheory
{
    private const double Degrees = Math.PI / 180;

    private readonly double[][] _longitudeDistance = [.. CoefficientTable.Read("moon-47a.csv").Select(r => r.Numbers)];

    private readonly double[][] _latitude = [.. CoefficientTable.Read("moon-47b.csv").Select(r => r.Numbers)];

    /// <summary>(λ, β) in radians of the mean equinox of date and the distance in km, at <paramref name="jdTt"/>.</summary>
    public (double Longitude, double Latitude, double DistanceKm) Position(double jdTt)
    {
        var t = (jdTt - AstroTime.J2000) / 36525.0;
        var lp = AstroTime.Polynomial(t, 218.3164477, 481267.88123421, -0.0015786, 1.0 / 538841, -1.0 / 65194000) * Degrees;
        var d = AstroTime.Polynomial(t, 297.8501921, 445267.1114034, -0.0018819, 1.0 / 545868, -1.0 / 113065000) * Degrees;
        var m = AstroTime.Polynomial(t, 357.5291092, 35999.0502909, -0.0001536, 1.0 / 24490000) * Degrees;
        var mp = AstroTime.Polynomial(t, 134.9633964, 477198.8675055, 0.0087414, 1.0 / 69699, -1.0 / 14712000) * Degrees;
        var f = AstroTime.Polynomial(t, 93.272095, 483202.0175233, -0.0036539, -1.0 / 3526000, 1.0 / 863310000) * Degrees;
        var a1 = (119.75 + (131.849 * t)) * Degrees;
        var a2 = (53.09 + (479264.29 * t)) * Degrees;
        var a3 = (313.45 + (481266.484 * t)) * Degrees;
        var e = AstroTime.Polynomial(t, 1, -0.002516, -0.0000074);

        // The additive terms for Venus (A1), Jupiter (A2) and the flattening of the Earth (L′ − F, A3).
        var sumL = (3958 * Math.Sin(a1)) + (1962 * Math.Sin(lp - f)) + (318 * Math.Sin(a2));
        var sumR = 0.0;
        var sumB = (-2235 * Math.Sin(lp)) + (382 * Math.Sin(a3)) + (175 * Math.Sin(a1 - f)) + (175 * Math.Sin(a1 + f))
            + (127 * Math.Sin(lp - mp)) - (115 * Math.Sin(lp + mp));
        foreach (var row in _longitudeDistance)
        {
            var (sa, ca) = Math.SinCos((row[0] * d) + (row[1] * m) + (row[2] * mp) + (row[3] * f));
            var scale = EccentricityFactor(row[1], e);
            sumL += row[4] * sa * scale;
            sumR += row[5] * ca * scale;
        }

        foreach (var row in _latitude)
        {
            sumB += row[4] * Math.Sin((row[0] * d) + (row[1] * m) + (row[2] * mp) + (row[3] * f)) * EccentricityFactor(row[1], e);
        }

        return (lp + (sumL * 1e-6 * Degrees), sumB * 1e-6 * Degrees, 385000.56 + (sumR * 1e-3));
    }

    // Terms with the Sun's mean anomaly M shrink with the Earth's orbital eccentricity: E^|multiple of M|.
    private static double EccentricityFactor(double multipleOfM, double e) => Math.Abs(multipleOfM) switch
    {
        1 => e,
        2 => e * e,
        _ => 1,
    };
}
