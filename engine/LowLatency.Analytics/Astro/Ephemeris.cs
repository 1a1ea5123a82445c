namespace LowLatency.Analytics.Astro;

/// <summary>
/// Apparent geocentric ecliptic positions of the Sun, Moon and planets, offline: the complete VSOP87B for Mercury …
/// Uranus and the Earth, Moshier's PLAN404 (DE404) for Neptune and Pluto, ELP/MPP02 (DE405) for the Moon; light-time, annual aberration
/// (the Earth's heliocentric velocity), IAU 1976 precession and IAU 1980 nutation; ΔT from the Espenak–Meeus
/// polynomials. Thread-safe after construction (the tables are read once); use <see cref="Shared"/>.
/// </summary>
public sealed class Ephemeris
{
    /// <summary>Speed of light in AU per day.</summary>
    private const double LightAuPerDay = 173.1446326846693;

    private const double KmPerAu = 149_597_870.7;

    private const double Radians = 180 / Math.PI;


    // Half the span of a PLAN404 velocity difference: short against Neptune's and Pluto's orbits, long against rounding.
    private const double VelocityStepDays = 0.01;

    private static readonly Lazy<Ephemeris> Instance = new(() => new Ephemeris());

    private readonly Vsop87Series _earth;
    private readonly Vsop87Series?[] _planets;
    private readonly Plan404Series?[] _plan404 = new Plan404Series?[BodyNames.All.Count];
    private readonly MoonTheory _moon = new();
    private readonly EarthOrientation _orientation = new();

    private Ephemeris(double negligibleTerm = Vsop87Series.NegligibleTerm)
    {
        _earth = Vsop87Series.Load("earth", negligibleTerm);
        _planets = new Vsop87Series?[BodyNames.All.Count];
        foreach (var body in new[] { Body.Mercury, Body.Venus, Body.Mars, Body.Jupiter, Body.Saturn, Body.Uranus })
        {
            _planets[(int)body] = Vsop87Series.Load(body.Name(), negligibleTerm);
        }

        // VSOP87 was fitted to DE200, before Voyager 2 measured Uranus (1986) and Neptune (1989): its Neptune drifts
        // from the modern ephemerides by arcseconds within the supported years, and Meeus' Pluto (a DE200 fit too)
        // by nearly 2″; PLAN404 follows DE404 for both.
        foreach (var body in new[] { Body.Neptune, Body.Pluto })
        {
            _plan404[(int)body] = Plan404Series.Load(body.Name());
        }
    }

    /// <summary>
    /// For comparisons only (the benchmark's ratio): the same ephemeris with the VSOP87 terms below
    /// <paramref name="amplitude"/> left out, as truncated series are (10⁻⁵ keeps about as many terms as the
    /// Astronomy Engine tables this ephemeris used before).
    /// </summary>
    public static Ephemeris Truncated(double amplitude) => new(amplitude);

    /// <summary>VSOP87 terms in use, over the Earth and the six planets it serves.</summary>
    public int PlanetaryTerms => _earth.Terms + _planets.Sum(p => p?.Terms ?? 0);

    public static Ephemeris Shared => Instance.Value;

    /// <summary>The theories and models behind the positions, in words (for the API's and the command's reports).</summary>
    public const string Theories = "VSOP87B complete (Bretagnon & Francou 1988) for the Earth and Mercury … Uranus, PLAN404 fitted to DE404 (Moshier 1996) for Neptune and Pluto, " +
        "ELP/MPP02 fitted to DE405 (Chapront & Francou 2003) for the Moon; light-time, annual aberration, IAU 1976 precession, IAU 1980 nutation; apparent geocentric, true ecliptic and equinox of date";

    /// <summary>The apparent position of <paramref name="body"/> at a UTC instant inside <see cref="AstroTime.SupportedFrom"/> … <see cref="AstroTime.SupportedTo"/>.</summary>
    public ApparentPosition Position(Body body, DateTimeOffset utc) => At(Instant.Of(AstroTime.JulianDay(Check(utc)), this), body);

    /// <summary>The Moon and the Sun at a UTC instant inside the supported years, as <see cref="MoonAndSun(double)"/>.</summary>
    public (ApparentPosition Moon, ApparentPosition Sun, ApparentPosition GeometricSun) MoonAndSun(DateTimeOffset utc) => MoonAndSun(AstroTime.JulianDay(Check(utc)));

    /// <summary>Every body's apparent position at one instant (the Earth and the nutation computed once).</summary>
    public ApparentPosition[] Positions(DateTimeOffset utc) => Snapshot(AstroTime.JulianDay(Check(utc))).Positions;

    /// <summary>Every body's <see cref="DailyMotion"/> at once: the Earth and the nutation of the two instants computed once each, not once per body.</summary>
    public double[] DailyMotions(double jdUt) => Motions(Snapshot(jdUt - 0.5), Snapshot(jdUt + 0.5));

    /// <summary>Every body's motion from <paramref name="before"/> to <paramref name="after"/> (a day apart for the daily motion).</summary>
    public static double[] Motions(EphemerisSnapshot before, EphemerisSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var motions = new double[before.Positions.Length];
        for (var i = 0; i < motions.Length; i++)
        {
            motions[i] = Angles.Difference(after.Positions[i].Longitude, before.Positions[i].Longitude);
        }

        return motions;
    }

    /// <summary>Every body's apparent position and the geometric Sun at a Julian date of UT (no range check, as <see cref="PositionAtJulianDay"/>).</summary>
    public EphemerisSnapshot Snapshot(double jdUt)
    {
        var instant = Instant.Of(jdUt, this);
        var positions = new ApparentPosition[BodyNames.All.Count];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = At(instant, (Body)i);
        }

        return new EphemerisSnapshot(jdUt, positions, At(instant, Body.Sun, apparent: false));
    }

    /// <summary>The apparent position at a Julian date of UT (no range check: searches step slightly past the ends).</summary>
    public ApparentPosition PositionAtJulianDay(Body body, double jdUt) => At(Instant.Of(jdUt, this), body);

    /// <summary>
    /// The apparent Moon and Sun, and the Sun's geometric geocentric position of date (no light-time, no aberration;
    /// nutation applied), at one instant whose Earth and nutation they share: the elongation and the lunations use
    /// the apparent pair; the Moon's phase angle and illuminated fraction are geometry, so they are measured against
    /// the geometric Sun (about 20.5″ ahead of the apparent one). No range check, as <see cref="PositionAtJulianDay"/>.
    /// </summary>
    public (ApparentPosition Moon, ApparentPosition Sun, ApparentPosition GeometricSun) MoonAndSun(double jdUt)
    {
        var instant = Instant.Of(jdUt, this);
        return (At(instant, Body.Moon), At(instant, Body.Sun), At(instant, Body.Sun, apparent: false));
    }

    /// <summary>Daily motion in degrees: lon(t + ½ d) − lon(t − ½ d), wrapped to (−180, 180].</summary>
    public double DailyMotion(Body body, double jdUt) =>
        Angles.Difference(PositionAtJulianDay(body, jdUt + 0.5).Longitude, PositionAtJulianDay(body, jdUt - 0.5).Longitude);

    /// <summary>Instantaneous motion in degrees per day (a central difference over ±0.05 d), for stations.</summary>
    public double Speed(Body body, double jdUt) =>
        SpeedFrom(PositionAtJulianDay(body, jdUt - SpeedHalfSpanDays), PositionAtJulianDay(body, jdUt + SpeedHalfSpanDays));

    /// <summary>Half the span of <see cref="Speed"/>'s central difference (days).</summary>
    internal const double SpeedHalfSpanDays = 0.05;

    /// <summary><see cref="Speed"/> from the positions <see cref="SpeedHalfSpanDays"/> before and after.</summary>
    internal static double SpeedFrom(ApparentPosition before, ApparentPosition after) =>
        Angles.Difference(after.Longitude, before.Longitude) / (2 * SpeedHalfSpanDays);

    private static DateTimeOffset Check(DateTimeOffset utc) => AstroTime.IsSupported(utc)
        ? utc
        : throw new ArgumentOutOfRangeException(nameof(utc), utc, $"the ephemeris covers {AstroTime.RangeText}");

    private ApparentPosition At(in Instant instant, Body body, bool apparent = true)
    {
        if (body == Body.Moon)
        {
            // Light-time only: the annual aberration and the Earth's motion during the light-time cancel for a geocentric body.
            var (lon, lat, km) = _moon.Position(instant.JdTt, lightTime: apparent);

            return new ApparentPosition(body, Angles.Normalize(((lon + instant.NutationLongitude) * Radians)), lat * Radians, km / KmPerAu);
        }

        // Light-time: the body where it was when the light left it, τ earlier (its motion over τ is straight to far
        // below the targets, even Mercury's); τ from the geometric distance, then once more from the corrected one.
        var (heliocentric, velocity) = Heliocentric(body, instant.JdTt);
        var astrometric = heliocentric - instant.Earth;
        var tau = 0.0;
        for (var pass = 0; apparent && pass < 2; pass++)
        {
            tau = astrometric.Length / LightAuPerDay;
            astrometric = heliocentric - (tau * velocity) - instant.Earth;
        }


        // Annual aberration to first order: the direction shifts by the Earth's velocity times the light-time.
        var direction = astrometric + (tau * instant.EarthVelocity);
        var ofDate = EarthOrientation.ToEclipticOfDate(direction, instant.JdTt);
        var longitude = (Math.Atan2(ofDate.Y, ofDate.X) + instant.NutationLongitude) * Radians;
        var latitude = Math.Atan2(ofDate.Z, Math.Sqrt((ofDate.X * ofDate.X) + (ofDate.Y * ofDate.Y))) * Radians;
        return new ApparentPosition(body, Angles.Normalize(longitude), latitude, astrometric.Length);
    }

    /// <summary>The heliocentric J2000 ecliptic position (AU) and velocity (AU/day).</summary>
    private (Vector3 Position, Vector3 Velocity) Heliocentric(Body body, double jdTt) => body switch
    {
        Body.Sun => default,
        _ when _plan404[(int)body] is { } series => (series.Position(jdTt), (0.5 / VelocityStepDays) * (series.Position(jdTt + VelocityStepDays) - series.Position(jdTt - VelocityStepDays))),
        _ => _planets[(int)body]!.State(jdTt),
    };

    /// <summary>What every body at one instant shares: TT, the Earth's position and velocity, the nutation.</summary>
    private readonly record struct Instant(double JdTt, Vector3 Earth, Vector3 EarthVelocity, double NutationLongitude)
    {
        public static Instant Of(double jdUt, Ephemeris ephemeris)
        {
            var jdTt = AstroTime.TerrestrialTime(jdUt);
            var (earth, velocity) = ephemeris._earth.State(jdTt);
            return new Instant(jdTt, earth, velocity, ephemeris._orientation.Nutation(jdTt).Longitude);
        }
    }
}
