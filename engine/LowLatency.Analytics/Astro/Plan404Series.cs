namespace LowLatency.Analytics.Astro;

/// <summary>
/// One planet's PLAN404 series (S. L. Moshier's fit to JPL DE404, the planetary theory of the Swiss Ephemeris'
/// Moshier mode): heliocentric spherical coordinates referred to the J2000 ecliptic and equinox, each a sum of
/// polynomials in T and of terms Σ (C(T)·cos φ + S(T)·sin φ) whose argument φ combines integer multiples of the
/// planets' mean longitudes (Simon et al. 1994); T in units of 10 000 Julian years of TT from J2000. Used where
/// VSOP87, fitted to DE200 before Voyager 2 measured the outer planets, drifts from the modern ephemerides.
/// </summary>
internal sealed class Plan404Series
{
    private const double DaysPerTimescale = 3_652_500.0;

    private const double FullCircleArcSeconds = 1_296_000.0;

    private const double RadiansPerArcSecond = Math.PI / 648_000.0;

    // Mean longitudes of Mercury … Pluto (Simon et al. 1994): arcseconds per 10 000 Julian years, and at J2000.
    private static readonly double[] Frequencies =
        [53810162868.8982, 21066413643.3548, 12959774228.3429, 6890507749.3988, 1092566037.7991, 439960985.5372, 154248119.3933, 78655032.0744, 52272245.1795];

    private static readonly double[] Phases =
        [252.25090552 * 3600, 181.97980085 * 3600, 100.46645683 * 3600, 355.43299958 * 3600, 34.35151874 * 3600, 50.07744430 * 3600, 314.05500511 * 3600, 304.34866548 * 3600, 860492.1546];

    private readonly double _distance;
    private readonly int[] _harmonics;

    // Where each planet's multiples start in the sine and cosine tables; the last entry is their total.
    private readonly int[] _offsets;
    private readonly Term[] _terms;

    private Plan404Series(double distance, int[] harmonics, Term[] terms)
    {
        (_distance, _harmonics, _terms) = (distance, harmonics, terms);
        _offsets = new int[harmonics.Length + 1];
        for (var i = 0; i < harmonics.Length; i++)
        {
            _offsets[i + 1] = _offsets[i] + harmonics[i];
        }

        foreach (var term in terms)
        {
            for (var i = 0; i < term.Arguments.Length; i += 2)
            {
                if (term.Arguments[i + 1] is < 0 or >= 9 || Math.Abs(term.Arguments[i]) > harmonics[term.Arguments[i + 1]])
                {
                    throw new InvalidDataException($"PLAN404 term uses multiple {term.Arguments[i]} of planet {term.Arguments[i + 1] + 1}, beyond the table's harmonics");
                }
            }
        }
    }

    public static Plan404Series Load(string planet)
    {
        double? distance = null;
        int[]? harmonics = null;
        var terms = new List<Term>();
        foreach (var (text, numbers) in CoefficientTable.Read($"plan404-{planet}.csv", textColumns: 1))
        {
            switch (text[0])
            {
                case "distance": distance = numbers[0]; break;
                case "timescale" when numbers[0] != DaysPerTimescale: throw new InvalidDataException($"PLAN404 {planet}: timescale {numbers[0]} days");
                case "timescale": break;
                case "harmonics": harmonics = [.. numbers.Select(n => (int)n)]; break;
                case "polynomial": terms.Add(Term.Polynomial(numbers)); break;
                case "periodic": terms.Add(Term.Periodic(numbers)); break;
                default: throw new InvalidDataException($"PLAN404 {planet}: row '{text[0]}'");
            }
        }

        return new Plan404Series(
            distance ?? throw new InvalidDataException($"PLAN404 {planet}: no distance"),
            harmonics ?? throw new InvalidDataException($"PLAN404 {planet}: no harmonics"),
            [.. terms]);
    }

    /// <summary>The heliocentric J2000 ecliptic position (AU) at <paramref name="jdTt"/>.</summary>
    public Vector3 Position(double jdTt)
    {
        var t = (jdTt - AstroTime.J2000) / DaysPerTimescale;

        // sin and cos of k·λ for every planet and multiple the terms use: one SinCos per planet, the rest by recurrence.
        Span<double> sines = stackalloc double[_offsets[^1]];
        Span<double> cosines = stackalloc double[_offsets[^1]];
        for (var planet = 0; planet < _harmonics.Length; planet++)
        {
            var (first, count) = (_offsets[planet], _harmonics[planet]);
            if (count == 0)
            {
                continue;
            }

            var (s, c) = Math.SinCos((Modulo(Frequencies[planet] * t) + Phases[planet]) * RadiansPerArcSecond);
            (sines[first], cosines[first]) = (s, c);
            for (var k = first + 1; k < first + count; k++)
            {
                (sines[k], cosines[k]) = ((s * cosines[k - 1]) + (c * sines[k - 1]), (c * cosines[k - 1]) - (s * sines[k - 1]));
            }
        }

        double l = 0, b = 0, r = 0;
        foreach (var term in _terms)
        {
            if (term.Arguments.Length == 0)
            {
                l += Modulo(Horner(term.Longitude, t));
                b += Horner(term.Latitude, t);
                r += Horner(term.Radius, t);
                continue;
            }

            // The argument's sine and cosine from those of its multiples, by the angle-sum identities.
            double sv = 0, cv = 1;
            for (var i = 0; i < term.Arguments.Length; i += 2)
            {
                var (multiple, planet) = (term.Arguments[i], term.Arguments[i + 1]);
                if (multiple == 0)
                {
                    continue;
                }

                var k = _offsets[planet] + Math.Abs(multiple) - 1;
                var su = multiple < 0 ? -sines[k] : sines[k];
                var cu = cosines[k];
                (sv, cv) = ((su * cv) + (cu * sv), (cu * cv) - (su * sv));
            }

            l += Periodic(term.Longitude, t, sv, cv);
            b += Periodic(term.Latitude, t, sv, cv);
            r += Periodic(term.Radius, t, sv, cv);
        }

        return Vector3.FromSpherical(l * RadiansPerArcSecond, b * RadiansPerArcSecond, (_distance * r * RadiansPerArcSecond) + _distance);
    }

    private static double Modulo(double arcSeconds) => arcSeconds - (FullCircleArcSeconds * Math.Floor(arcSeconds / FullCircleArcSeconds));

    private static double Horner(double[] coefficients, double t)
    {
        var value = coefficients[0];
        for (var i = 1; i < coefficients.Length; i++)
        {
            value = (value * t) + coefficients[i];
        }

        return value;
    }

    /// <summary>C(T)·cos φ + S(T)·sin φ, the amplitudes interleaved (cosine, sine) highest power first.</summary>
    private static double Periodic(double[] amplitudes, double t, double sin, double cos)
    {
        double c = amplitudes[0], s = amplitudes[1];
        for (var i = 2; i < amplitudes.Length; i += 2)
        {
            c = (c * t) + amplitudes[i];
            s = (s * t) + amplitudes[i + 1];
        }

        return (c * cos) + (s * sin);
    }

    /// <summary>One row: (multiple, planet index) pairs (none for a polynomial) and the three coordinates' coefficients.</summary>
    private sealed record Term(int[] Arguments, double[] Longitude, double[] Latitude, double[] Radius)
    {
        public static Term Polynomial(double[] row)
        {
            var n = (int)row[0] + 1;
            return new Term([], row[1..(1 + n)], row[(1 + n)..(1 + (2 * n))], row[(1 + (2 * n))..(1 + (3 * n))]);
        }

        public static Term Periodic(double[] row)
        {
            var count = (int)row[0];
            var arguments = new int[2 * count];
            for (var i = 0; i < count; i++)
            {
                arguments[2 * i] = (int)row[1 + (2 * i)];
                arguments[(2 * i) + 1] = (int)row[2 + (2 * i)] - 1;
            }

            var start = 1 + (2 * count) + 1;
            var n = 2 * ((int)row[start - 1] + 1);
            if (row.Length != start + (3 * n))
            {
                throw new InvalidDataException($"PLAN404 term of {row.Length} numbers, expected {start + (3 * n)}");
            }

            return new Term(arguments, row[start..(start + n)], row[(start + n)..(start + (2 * n))], row[(start + (2 * n))..]);
        }
    }
}
