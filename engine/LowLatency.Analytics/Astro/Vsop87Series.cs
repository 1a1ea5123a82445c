namespace LowLatency.Analytics.Astro;

/// <summary>
/// One planet's VSOP87B series (Bretagnon and Francou 1988): heliocentric spherical coordinates L, B, R referred
/// to the J2000 dynamical ecliptic and equinox, each Σ τ^k Σ A·cos(B + C·τ) with τ in Julian millennia of TT from
/// J2000. The embedded tables are the complete series (their source line names it). Terms that cannot reach
/// <see cref="NegligibleTerm"/> anywhere in the supported years (|A|·|τ|^k below it) are skipped at load: all of
/// them together, aligned, could not move a position by 0.05″, and they are a quarter of the work.
/// The velocity is the series' own derivative, one pass for both.
/// </summary>
internal sealed class Vsop87Series
{
    /// <summary>Radians (or AU for R): 10⁻¹⁰, 20 micro-arcseconds.</summary>
    public const double NegligibleTerm = 1e-10;

    private const double DaysPerMillennium = 365250.0;

    // [coordinate L/B/R][power] → flat (A, B, C) triples.
    private readonly double[][][] _terms;

    private Vsop87Series(double[][][] terms) => _terms = terms;

    /// <summary>Terms kept, of all the tables hold.</summary>
    public int Terms => _terms.Sum(powers => powers.Sum(p => p.Length / 3));

    /// <param name="negligible">The amplitude below which a term is skipped (a coarser one only for comparisons).</param>
    public static Vsop87Series Load(string planet, double negligible = NegligibleTerm)
    {
        var reach = Math.Max(Math.Abs(AstroTime.JulianDay(AstroTime.SupportedFrom) - AstroTime.J2000), Math.Abs(AstroTime.JulianDay(AstroTime.SupportedTo) - AstroTime.J2000)) / DaysPerMillennium;
        var grouped = new List<double>[3][];
        for (var c = 0; c < 3; c++)
        {
            grouped[c] = [.. Enumerable.Range(0, 6).Select(_ => new List<double>())];
        }

        foreach (var (text, numbers) in CoefficientTable.Read($"vsop87b-{planet}.csv", textColumns: 1))
        {
            var coordinate = text[0] switch { "L" => 0, "B" => 1, "R" => 2, var other => throw new InvalidDataException($"VSOP87 series '{other}'") };
            var power = (int)numbers[0];
            if (Math.Abs(numbers[1]) * Math.Pow(reach, power) >= negligible)
            {
                grouped[coordinate][power].AddRange(numbers.AsSpan(1, 3));
            }
        }

        return new Vsop87Series([.. grouped.Select(powers => powers.Select(p => p.ToArray()).ToArray())]);
    }

    /// <summary>The heliocentric J2000 ecliptic position (AU) and velocity (AU/day) at <paramref name="jdTt"/>.</summary>
    public (Vector3 Position, Vector3 Velocity) State(double jdTt)
    {
        var tau = (jdTt - AstroTime.J2000) / DaysPerMillennium;
        var (l, dl) = Sum(_terms[0], tau);
        var (b, db) = Sum(_terms[1], tau);
        var (r, dr) = Sum(_terms[2], tau);
        (dl, db, dr) = (dl / DaysPerMillennium, db / DaysPerMillennium, dr / DaysPerMillennium);
        var (sl, cl) = Math.SinCos(l);
        var (sb, cb) = Math.SinCos(b);
        var position = new Vector3(r * cb * cl, r * cb * sl, r * sb);
        var velocity = new Vector3(
            (dr * cb * cl) - (r * sb * db * cl) - (r * cb * sl * dl),
            (dr * cb * sl) - (r * sb * db * sl) + (r * cb * cl * dl),
            (dr * sb) + (r * cb * db));
        return (position, velocity);
    }

    /// <summary>The coordinate and its derivative per millennium: Σ τ^k S_k and Σ (k τ^(k−1) S_k + τ^k S_k′).</summary>
    private static (double Value, double Rate) Sum(double[][] powers, double tau)
    {
        double total = 0, rate = 0;
        for (var k = powers.Length - 1; k >= 0; k--)
        {
            var terms = powers[k];
            double series = 0, derivative = 0;
            for (var i = 0; i < terms.Length; i += 3)
            {
                var (s, c) = Math.SinCos(terms[i + 1] + (terms[i + 2] * tau));
                series += terms[i] * c;
                derivative -= terms[i] * terms[i + 2] * s;
            }

            // Horner for both: d/dτ (S_k τ^k + …) folds in as the value does.
            rate = (rate * tau) + total + derivative;
            total = (total * tau) + series;
        }

        return (total, rate);
    }
}
