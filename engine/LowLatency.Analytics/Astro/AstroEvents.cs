namespace LowLatency.Analytics.Astro;

/// <summary>
/// Event search over a date range: lunar phases (Moon − Sun = 0°, 90°, 180°, 270°), sign ingresses and planetary
/// stations. Each is a sign change of a continuous function sampled on a daily grid (<see cref="EventGrid"/>: one
/// snapshot of every body per instant), then refined to about 0.1 s.
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
        var grid = new EventGrid(start, end, ephemeris, speeds: true);
        var events = new List<AstroEvent>();
        events.AddRange(LunarPhases(grid, ephemeris));
        foreach (var body in BodyNames.All)
        {
            events.AddRange(Ingresses(body, grid, ephemeris));
        }

        foreach (var body in BodyNames.Planets)
        {
            events.AddRange(Stations(body, grid, ephemeris));
        }

        events.Sort((a, b) => a.Utc.CompareTo(b.Utc));
        return events;
    }

    /// <summary>New, first-quarter, full and last-quarter moons in the range.</summary>
    public static IEnumerable<AstroEvent> LunarPhases(double startJd, double endJd, Ephemeris ephemeris) =>
        LunarPhases(new EventGrid(startJd, endJd, ephemeris, speeds: false), ephemeris);

    /// <summary>The next instant after <paramref name="startJd"/> at which the Moon − Sun elongation is <paramref name="elongation"/>.</summary>
    public static double NextElongation(double startJd, double elongation, Ephemeris ephemeris)
    {
        double Offset(double jd) => Angles.Difference(Elongation(ephemeris, jd), elongation);
        var times = Enumerable.Range(0, 32).Select(i => startJd + i).ToArray();
        return Rising(times, i => Offset(times[i]), Offset).First();
    }

    /// <summary>The Moon − Sun elongation of their apparent longitudes in [0, 360): 0 new, 180 full.</summary>
    public static double Elongation(Ephemeris ephemeris, double jd)
    {
        var (moon, sun, _) = ephemeris.MoonAndSun(jd);
        return Angles.Normalize(moon.Longitude - sun.Longitude);
    }

    /// <summary>The instants a body crosses into each sign (forwards, or backwards while retrograde).</summary>
    public static IEnumerable<AstroEvent> Ingresses(Body body, double startJd, double endJd, Ephemeris ephemeris) =>
        Ingresses(body, new EventGrid(startJd, endJd, ephemeris, speeds: false), ephemeris);

    /// <summary>The stations of a planet: its daily motion changes sign.</summary>
    public static IEnumerable<AstroEvent> Stations(Body body, double startJd, double endJd, Ephemeris ephemeris) =>
        Stations(body, new EventGrid(startJd, endJd, ephemeris, speeds: true), ephemeris);

    private static IEnumerable<AstroEvent> LunarPhases(EventGrid grid, Ephemeris ephemeris)
    {
        foreach (var (elongation, type, name) in Phases)
        {
            double Offset(double jd) => Angles.Difference(Elongation(ephemeris, jd), elongation);
            foreach (var jd in Rising(grid.Times, i => Angles.Difference(grid.Elongation(i), elongation), Offset))
            {
                yield return new AstroEvent(AstroTime.FromJulianDay(jd), type, Body.Moon, Longitude(ephemeris, Body.Moon, jd), Zodiac.Sign(Longitude(ephemeris, Body.Moon, jd)), name);
            }
        }
    }

    // A day's step is enough for the Moon too: it moves at most about 15° a day, so it crosses one boundary at a time.
    private static IEnumerable<AstroEvent> Ingresses(Body body, EventGrid grid, Ephemeris ephemeris)
    {
        for (var i = 1; i < grid.Times.Length; i++)
        {
            var (a, b) = (Zodiac.SignIndex(grid.Longitude(i - 1, body)), Zodiac.SignIndex(grid.Longitude(i, body)));
            if (a != b)
            {
                // The boundary crossed: between the two signs, forwards (a + 1 = b) or backwards.
                var forwards = (a + 1) % 12 == b;
                var boundary = 30.0 * (forwards ? b : a);
                double Offset(double t) => Angles.Difference(ephemeris.PositionAtJulianDay(body, t).Longitude, boundary);
                var at = Root(Offset, grid.Times[i - 1], grid.Times[i]);
                var sign = forwards ? b : (a + 11) % 12;
                yield return new AstroEvent(AstroTime.FromJulianDay(at), AstroEventType.Ingress, body, Angles.Normalize(boundary), Zodiac.Signs[sign], IngressText(body, sign, forwards));
            }
        }
    }

    private static IEnumerable<AstroEvent> Stations(Body body, EventGrid grid, Ephemeris ephemeris)
    {
        double Motion(double jd) => ephemeris.Speed(body, jd);
        for (var i = 1; i < grid.Times.Length; i++)
        {
            var (previous, motion) = (grid.Speed(i - 1, body), grid.Speed(i, body));
            if (previous > 0 != motion > 0)
            {
                var at = Root(Motion, grid.Times[i - 1], grid.Times[i]);
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

    // The roots where f goes from negative to positive between consecutive grid times (f sampled there as sampled(i));
    // a jump from +180 to −180 (a wrap) is not a root.
    private static IEnumerable<double> Rising(double[] times, Func<int, double> sampled, Func<double, double> f)
    {
        var previous = sampled(0);
        for (var i = 1; i < times.Length; i++)
        {
            var value = sampled(i);
            if (previous < 0 && value >= 0 && value - previous < 90)
            {
                yield return Root(f, times[i - 1], times[i]);
            }

            previous = value;
        }
    }

    // The root of f in [lo, hi], where f changes sign, to Tolerance: false position with the Illinois rule (an end
    // that stays twice in a row has its value halved, so both ends close in), a few evaluations where bisection
    // takes twenty; it falls back to the midpoint whenever the estimate leaves the bracket.
    private static double Root(Func<double, double> f, double lo, double hi)
    {
        var (fLo, fHi) = (f(lo), f(hi));
        var kept = 0;
        while (hi - lo > Tolerance)
        {
            var estimate = fHi != fLo ? ((lo * fHi) - (hi * fLo)) / (fHi - fLo) : 0.5 * (lo + hi);
            var mid = estimate > lo && estimate < hi ? estimate : 0.5 * (lo + hi);
            var fMid = f(mid);
            if (fMid == 0)
            {
                return mid;
            }

            if ((fMid > 0) == (fLo > 0))
            {
                (lo, fLo) = (mid, fMid);
                fHi = kept == -1 ? fHi / 2 : fHi;
                kept = -1;
            }
            else
            {
                (hi, fHi) = (mid, fMid);
                fLo = kept == 1 ? fLo / 2 : fLo;
                kept = 1;
            }
        }

        return 0.5 * (lo + hi);
    }
}
