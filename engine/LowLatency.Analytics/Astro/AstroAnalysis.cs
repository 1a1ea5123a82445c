namespace LowLatency.Analytics.Astro;

/// <summary>
/// Everything the astro endpoint reports at an instant: positions with daily motion and retrograde flags, the
/// aspects in orb, the lunar phase, and the events of the coming <paramref name="EventsAhead"/> days.
/// </summary>
public sealed record AstroAnalysis(
    DateTimeOffset Instant,
    IReadOnlyList<ApparentPosition> Positions,
    IReadOnlyList<double> DailyMotion,
    IReadOnlyList<Aspect> Aspects,
    LunarPhase LunarPhase,
    IReadOnlyList<AstroEvent> Upcoming,
    int EventsAhead)
{
    /// <summary>Positions are trusted as retrograde only where the motion is clearly negative (the reference's rule).</summary>
    public const double StationaryBelow = 0.001;

    public static AstroAnalysis At(DateTimeOffset utc, AspectTable table, int eventsAhead = 30, Ephemeris? ephemeris = null)
    {
        ephemeris ??= Ephemeris.Shared;
        var positions = ephemeris.Positions(utc);
        var jd = AstroTime.JulianDay(utc);
        var motion = ephemeris.DailyMotions(jd);
        var aspects = AspectFinder.Find(positions, motion, table);
        var end = utc.AddDays(eventsAhead);
        var upcoming = end <= AstroTime.SupportedTo && eventsAhead > 0 ? AstroEvents.Between(utc, end, ephemeris) : [];
        return new AstroAnalysis(utc, positions, motion, aspects, LunarPhase.At(utc, ephemeris), upcoming, eventsAhead);
    }

    public bool IsRetrograde(Body body) => DailyMotion[(int)body] < -StationaryBelow;
}
