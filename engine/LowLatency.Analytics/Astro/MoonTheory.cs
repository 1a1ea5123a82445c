namespace LowLatency.Analytics.Astro;

/// <summary>
/// The Moon's geocentric position from ELP/MPP02 (Chapront and Francou 2003, the solution fitted to DE405): each of
/// V, U and r is Σₖ Tᵏ Σ A·sin(φ(T)) with φ a quartic in T, Julian centuries of TT from J2000; V is measured on the
/// mean ecliptic of date from the departure point of J2000, so the precession in longitude (Simon et al. 1994, the
/// solution's own) turns it into the longitude from the mean equinox of date.
/// </summary>
internal sealed class MoonTheory
{
    private const double ArcSeconds = Math.PI / (180 * 3600);

    private const double KmPerLightDay = 299_792.458 * 86_400;

    private readonly double[] _meanLongitude;

    // [coordinate V/U/r][power] → flat (A, t0, t1, t2, t3, t4) rows.
    private readonly double[][][] _terms;

    public MoonTheory()
    {
        var grouped = new List<double>[3][];
        for (var c = 0; c < 3; c++)
        {
            grouped[c] = [.. Enumerable.Range(0, 4).Select(_ => new List<double>())];
        }

        double[]? meanLongitude = null;
        foreach (var (text, numbers) in CoefficientTable.Read("elpmpp02.csv", textColumns: 1))
        {
            if (text[0] == "W1")
            {
                meanLongitude = numbers[1..];
                continue;
            }

            var coordinate = text[0] switch { "L" => 0, "B" => 1, "R" => 2, var other => throw new InvalidDataException($"ELP/MPP02 series '{other}'") };
            grouped[coordinate][(int)numbers[0]].AddRange(numbers.AsSpan(1, 6));
        }

        _meanLongitude = meanLongitude ?? throw new InvalidDataException("ELP/MPP02: no W1 row");
        _terms = [.. grouped.Select(powers => powers.Select(p => p.ToArray()).ToArray())];
    }

    /// <summary>
    /// (λ, β) in radians of the mean ecliptic and equinox of date and the distance in km at <paramref name="jdTt"/>:
    /// geometric, or with <paramref name="lightTime"/> where the Moon was when the light seen at <paramref name="jdTt"/> left it,
    /// from the series' own rates (over its light-time of about 1.3 s the Moon's motion is straight to micro-arcseconds).
    /// </summary>
    public (double Longitude, double Latitude, double DistanceKm) Position(double jdTt, bool lightTime)
    {
        var t = (jdTt - AstroTime.J2000) / 36525.0;
        var (v, dv) = Sum(_terms[0], t);
        var (u, du) = Sum(_terms[1], t);
        var (r, dr) = Sum(_terms[2], t);
        var meanLongitude = AstroTime.Polynomial(t, _meanLongitude);
        var meanRate = AstroTime.Polynomial(t, _meanLongitude[1], 2 * _meanLongitude[2], 3 * _meanLongitude[3], 4 * _meanLongitude[4]);
        var precession = AstroTime.Polynomial(t, 0, 5029.0966 - 0.29965, 1.1120, 0.000077, -0.00002353) * ArcSeconds;
        var back = lightTime ? r / KmPerLightDay / 36525.0 : 0; // the light-time in centuries
        return (meanLongitude + (v * ArcSeconds) + precession - (back * (meanRate + (dv * ArcSeconds))), (u - (back * du)) * ArcSeconds, r - (back * dr));
    }

    /// <summary>The coordinate and its rate per century: Σ Tᵏ S_k and Σ (k Tᵏ⁻¹ S_k + Tᵏ S_k′).</summary>
    private static (double Value, double Rate) Sum(double[][] powers, double t)
    {
        double total = 0, rate = 0;
        for (var k = powers.Length - 1; k >= 0; k--)
        {
            var terms = powers[k];
            double series = 0, derivative = 0;
            for (var i = 0; i < terms.Length; i += 6)
            {
                var phase = terms[i + 1] + (t * (terms[i + 2] + (t * (terms[i + 3] + (t * (terms[i + 4] + (t * terms[i + 5])))))));
                var phaseRate = terms[i + 2] + (t * ((2 * terms[i + 3]) + (t * ((3 * terms[i + 4]) + (t * 4 * terms[i + 5])))));
                var (s, c) = Math.SinCos(phase);
                series += terms[i] * s;
                derivative += terms[i] * c * phaseRate;
            }

            rate = (rate * t) + total + derivative;
            total = (total * t) + series;
        }

        return (total, rate);
    }
}
