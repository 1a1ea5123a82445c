namespace LowLatency.Analytics.Astro;

/// <summary>
/// Event search over a date range: lunar phases (Moon − Sun = 0°, 90°, 180°, 270°), sign ingresses and planetary
/// stations. Each is a sign change of a continuous function sampled on a grid, then bisected to under a second.
/// </summary>
public static class AstroEvents
{
    private const double Tolerance = 1e-6; // days, about 0.1 s

    private static readonly (double Elongation, AstroEventType Type, string Name)[] Phases =
    [
        (0, AstroEventType.NewMoon, "New Moon"),
        (90, AstroEventType.FirstQuarter, "First Quarter"),
        (180, AstroEventType.FullMoon, "Full Moon"),
        (270, AstroEventType.LastQuarter, "Last Quarter"),
    ];

    /// <summary>The longest range one search covers (days).</summary>
    public const int MaxRangeDays = 3700;

    /// <summary>Every event from <paramref name="from"/> to <paramref name="to"/>, in time order.</summary>
    public static List<AstroEvent> Between(DateTimeOffset from, DateTimeOffset to, Ephemeris? ephemeris = null)
    {
        ephemeris ??= Ephemeris.Shared;
        var (start, end) = Range(from, to);
        var events = new List<AstroEvent>();
        events.AddRange(LunarPhases(start, end, ephemeris));
        foreach (var body in BodyNames.All)
        {
            events.AddRange(Ingresses(body, start, end, ephemeris));
        }

        foreach (var body in BodyNames.Planets)
        {
            events.AddRange(Stations(body, start, end, ephemeris));
        }

        events.Sort((a, b) => a.Utc.CompareTo(b.Utc));
        return events;
    }

    /// <summary>New, first-quarter, full and last-quarter moons in the range.</summary>
    public static IEnumerable<AstroEvent> LunarPhases(double startJd, double endJd, Ephemeris ephemeris)
    {
        foreach (var (elongation, type, name) in Phases)
        {
            double Offset(double jd) => Angles.Difference(Elongation(ephemeris, jd), elongation);
            foreach (var jd in Rising(Offset, startJd, endJd, 1.0))
            {
                yield return new AstroEvent(AstroTime.FromJulianDay(jd), type, Body.Moon, Longitude(ephemeris, Body.Moon, jd), Zodiac.Sign(Longitude(ephemeris, Body.Moon, jd)), name);
            }
        }
    }

    /// <summary>The next instant after <paramref name="startJd"/> at which the Moon − Sun elongation is <paramref name="elongation"/>.</summary>
    public static double NextElongation(double startJd, double elongation, Ephemeris ephemeris)
    {
        double Offset(double jd) => Angles.Difference(Elongation(ephemeris, jd), elongation);
        return Rising(Offset, startJd, startJd + 31, 1.0).First();
    }

    /// <summary>The Moon − Sun elongation of their apparent longitudes in [0, 360): 0 new, 180 full.</summary>
    public static double Elongation(Ephemeris ephemeris, double jd)
    {
        var (moon, sun, _) = ephemeris.MoonAndSun(jd);
        return Angles.Normalize(moon.Longitude - sun.Longitude);
    }

    /// <summary>The instants a body crosses into each sign (forwards, or backwards while retrograde).</summary>
    public static IEnumerable<AstroEvent> Ingresses(Body body, double startJd, double endJd, Ephemeris ephemeris)
    {
        var step = body == Body.Moon ? 0.25 : 1.0;
        var previous = ephemeris.PositionAtJulianDay(body, startJd).Longitude;
        for (var jd = startJd; jd < endJd; jd += step)
        {
            var next = Math.Min(jd + step, endJd);
            var longitude = ephemeris.PositionAtJulianDay(body, next).Longitude;
            var (a, b) = (Zodiac.SignIndex(previous), Zodiac.SignIndex(longitude));
            if (a != b)
            {
                // The boundary crossed: between the two signs, forwards (a + 1 = b) or backwards.
                var forwards = (a + 1) % 12 == b;
                var boundary = 30.0 * (forwards ? b : a);
                double Offset(double t) => Angles.Difference(ephemeris.PositionAtJulianDay(body, t).Longitude, boundary);
                var at = Bisect(Offset, jd, next);
                var sign = forwards ? b : (a + 11) % 12;
                yield return new AstroEvent(AstroTime.FromJulianDay(at), AstroEventType.Ingress, body, Angles.Normalize(boundary), Zodiac.Signs[sign], IngressText(body, sign, forwards));
            }

            previous = longitude;
        }
    }

    /// <summary>The stations of a planet: its daily motion changes sign.</summary>
    public static IEnumerable<AstroEvent> Stations(Body body, double startJd, double endJd, Ephemeris ephemeris)
    {
        double Motion(double jd) => ephemeris.Speed(body, jd);
        var previous = Motion(startJd);
        for (var jd = startJd; jd < endJd; jd += 1.0)
        {
            var next = Math.Min(jd + 1.0, endJd);
            var motion = Motion(next);
            if (previous > 0 != motion > 0)
            {
                var at = Bisect(Motion, jd, next);
                var retrograde = motion < 0;
                var name = body.ToString();
                yield return new AstroEvent(
                    AstroTime.FromJulianDay(at),
                    retrograde ? AstroEventType.StationRetrograde : AstroEventType.StationDirect,
                    body,
                    Longitude(ephemeris, body, at),
                    Zodiac.Sign(Longitude(ephemeris, body, at)),
                    retrograde ? $"{name} stations retrograde" : $"{name} stations direct");
            }

            previous = motion;
        }
    }

    private static double Longitude(Ephemeris ephemeris, Body body, double jd) => ephemeris.PositionAtJulianDay(body, jd).Longitude;

    private static string IngressText(Body body, int sign, bool forwards)
    {
        var season = body == Body.Sun && forwards
            ? sign switch { 0 => " (March equinox)", 3 => " (June solstice)", 6 => " (September equinox)", 9 => " (December solstice)", _ => "" }
            : "";
        return $"{body} enters {Zodiac.Signs[sign]}{(forwards ? "" : " (retrograde)")}{season}";
    }

    private static (double Start, double End) Range(DateTimeOffset from, DateTimeOffset to)
    {
        if (!AstroTime.IsSupported(from) || !AstroTime.IsSupported(to))
        {
            throw new ArgumentOutOfRangeException(nameof(from), $"the ephemeris covers {AstroTime.RangeText}");
        }

        if (to <= from || (to - from).TotalDays > MaxRangeDays)
        {
            throw new ArgumentException($"the range must run forwards and span at most {MaxRangeDays} days", nameof(to));
        }

        return (AstroTime.JulianDay(from), AstroTime.JulianDay(to));
    }

    // The roots where f goes from negative to positive; a jump from +180 to −180 (a wrap) is not a root.
    private static IEnumerable<double> Rising(Func<double, double> f, double start, double end, double step)
    {
        var previous = f(start);
        for (var t = start; t < end; t += step)
        {
            var next = Math.Min(t + step, end);
            var value = f(next);
            if (previous < 0 && value >= 0 && value - previous < 90)
            {
                yield return Bisect(f, t, next);
            }

            previous = value;
        }
    }

    private static double Bisect(Func<double, double> f, double lo, double hi)
    {
        var fLo = f(lo);
        while (hi - lo > Tolerance)
        {
            var mid = 0.5 * (lo + hi);
            var fMid = f(mid);
            if ((fMid > 0) == (fLo > 0))
            {
                (lo, fLo) = (mid, fMid);
            }
            else
            {
                hi = mid;
            }
        }

        return 0.5 * (lo + hi);
    }
}
