namespace LowLatency.Analytics.Astro;

/// <summary>
/// One planet's VSOP87B series (Bretagnon and Francou 1988): heliocentric spherical coordinates L, B, R referred
/// to the J2000 dynamical ecliptic and equinox, each Σ τ^k Σ A·cos(B + C·τ) with τ in Julian millennia of TT from
/// J2000. The embedded tables are the truncation published with Astronomy Engine (their source line names it).
/// </summary>
internal sealed class Vsop87Series
{
    // [coordinate L/B/R][power] → flat (A, B, C) triples.
    private readonly double[][][] _terms;

    private Vsop87Series(double[][][] terms) => _terms = terms;

    public static Vsop87Series Load(string planet)
    {
        var grouped = new List<double>[3][];
        for (var c = 0; c < 3; c++)
        {
            grouped[c] = [.. Enumerable.Range(0, 6).Select(_ => new List<double>())];
        }

        foreach (var (text, numbers) in CoefficientTable.Read($"vsop87b-{planet}.csv", textColumns: 1))
        {
            var coordinate = text[0] switch { "L" => 0, "B" => 1, "R" => 2, var other => throw new InvalidDataException($"VSOP87 series '{other}'") };
            grouped[coordinate][(int)numbers[0]].AddRange(numbers.AsSpan(1, 3));
        }

        return new Vsop87Series([.. grouped.Select(powers => powers.Select(p => p.ToArray()).ToArray())]);
    }

    /// <summary>The heliocentric J2000 ecliptic rectangular position (AU) at <paramref name="jdTt"/>.</summary>
    public Vector3 Position(double jdTt)
    {
        var tau = (jdTt - AstroTime.J2000) / 365250.0;
        return Vector3.FromSpherical(Sum(_terms[0], tau), Sum(_terms[1], tau), Sum(_terms[2], tau));
    }

    private static double Sum(double[][] powers, double tau)
    {
        var total = 0.0;
        for (var k = powers.Length - 1; k >= 0; k--)
        {
            var terms = powers[k];
            var series = 0.0;
            for (var i = 0; i < terms.Length; i += 3)
            {
                series += terms[i] * Math.Cos(terms[i + 1] + (terms[i + 2] * tau));
            }

            total = (total * tau) + series;
        }

        return total;
    }
}
