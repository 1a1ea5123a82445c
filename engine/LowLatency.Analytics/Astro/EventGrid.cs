namespace LowLatency.Analytics.Astro;

/// <summary>
/// The daily grid an event search scans (the range's start, each day after it, its end): every body's apparent
/// longitude, the Moon − Sun elongation, and the planets' speeds as <see cref="Ephemeris.Speed"/> gives them, from
/// three snapshots a day (the day, and ±0.05 d for the speeds), so each instant's Earth and nutation serve all ten
/// bodies rather than being computed again for each.
/// </summary>
internal sealed class EventGrid
{
    private readonly EphemerisSnapshot[] _at;
    private readonly EphemerisSnapshot[] _before;
    private readonly EphemerisSnapshot[] _after;

    public EventGrid(double startJd, double endJd, Ephemeris ephemeris, bool speeds)
    {
        var count = (int)Math.Ceiling(endJd - startJd) + 1;
        Times = [.. Enumerable.Range(0, count).Select(i => Math.Min(startJd + i, endJd))];
        _at = [.. Times.Select(ephemeris.Snapshot)];
        _before = speeds ? [.. Times.Select(t => ephemeris.Snapshot(t - Ephemeris.SpeedHalfSpanDays))] : [];
        _after = speeds ? [.. Times.Select(t => ephemeris.Snapshot(t + Ephemeris.SpeedHalfSpanDays))] : [];
    }

    /// <summary>The grid's instants (Julian days of UT), ascending; the last is the range's end.</summary>
    public double[] Times { get; }

    public double Longitude(int i, Body body) => _at[i][body].Longitude;

    public double Elongation(int i) => Angles.Normalize(_at[i][Body.Moon].Longitude - _at[i][Body.Sun].Longitude);

    public double Speed(int i, Body body) => Ephemeris.SpeedFrom(_before[i][body], _after[i][body]);
}
