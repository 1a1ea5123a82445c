namespace LowLatency.Analytics.Astro;

/// <summary>
/// The Moon's phase at an instant: the elongation (the excess of the Moon's apparent longitude over the Sun's, the
/// definition of the phases (Meeus ch. 49) and Swiss Ephemeris' positions; 0 new, 180 full), the phase angle
/// Sun–Moon–Earth and the illuminated fraction (1 + cos i)/2 from the geometric Sun (the physical geometry), one of
/// eight named phases and the time to the next full moon.
/// </summary>
public sealed record LunarPhase(double Elongation, double PhaseAngle, double Illumination, string Name, double DaysToFullMoon, DateTimeOffset NextFullMoon)
{
    private static readonly string[] Names =
        ["New Moon", "Waxing Crescent", "First Quarter", "Waxing Gibbous", "Full Moon", "Waning Gibbous", "Last Quarter", "Waning Crescent"];

    public static LunarPhase At(DateTimeOffset utc, Ephemeris? ephemeris = null)
    {
        ephemeris ??= Ephemeris.Shared;
        var (moon, apparentSun, sun) = ephemeris.MoonAndSun(utc);
        var jd = AstroTime.JulianDay(utc);
        var full = AstroEvents.NextElongation(jd, 180, ephemeris);
        return Of(moon, apparentSun, sun) with { DaysToFullMoon = full - jd, NextFullMoon = AstroTime.FromJulianDay(full) };
    }

    /// <summary>The phase at a snapshot's instant, without the search for the next full moon (NaN days, the instant itself): for bulk tables.</summary>
    public static LunarPhase Of(EphemerisSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Of(snapshot[Body.Moon], snapshot[Body.Sun], snapshot.GeometricSun) with { NextFullMoon = AstroTime.FromJulianDay(snapshot.JdUt) };
    }

    private static LunarPhase Of(ApparentPosition moon, ApparentPosition apparentSun, ApparentPosition sun)
    {
        var elongation = Angles.Normalize(moon.Longitude - apparentSun.Longitude);

        var m = Vector3.FromSpherical(moon.Longitude * Math.PI / 180, moon.Latitude * Math.PI / 180, moon.DistanceAu);
        var s = Vector3.FromSpherical(sun.Longitude * Math.PI / 180, sun.Latitude * Math.PI / 180, sun.DistanceAu);
        var toEarth = -1 * m;
        var toSun = s - m;
        var cos = ((toEarth.X * toSun.X) + (toEarth.Y * toSun.Y) + (toEarth.Z * toSun.Z)) / (toEarth.Length * toSun.Length);
        var phaseAngle = Math.Acos(Math.Clamp(cos, -1, 1)) * 180 / Math.PI;

        // Eight phases of 45° centred on the quarters: New Moon is elongation 337.5° … 22.5°.
        var name = Names[(int)(Angles.Normalize(elongation + 22.5) / 45) % 8];
        return new LunarPhase(elongation, phaseAngle, (1 + cos) / 2, name, double.NaN, default);
    }
}
