using System.Globalization;
using LowLatency.Analytics.Astro;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.Analytics;

/// <summary>Event times against <c>shared/reference/astro_events.csv</c> (2024 lunations, 2024–2025 equinoxes and solstices), within 2 minutes.</summary>
public sealed class AstroEventTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(2);

    [Test]
    public void New_and_full_moons_of_2024_match_the_reference()
    {
        var (_, rows) = ReferenceData.Table("astro_events.csv");
        var found = AstroEvents.Between(Utc("2024-01-01T00:00:00Z"), Utc("2025-01-01T00:00:00Z"))
            .Where(e => e.Type is AstroEventType.NewMoon or AstroEventType.FullMoon).ToList();
        var expected = rows.Where(r => r[0] is "new_moon" or "full_moon").ToList();
        Assert.That(found, Has.Count.EqualTo(expected.Count));
        foreach (var row in expected)
        {
            var type = row[0] == "new_moon" ? AstroEventType.NewMoon : AstroEventType.FullMoon;
            var at = Utc(row[1]);
            var nearest = found.Where(e => e.Type == type).MinBy(e => Math.Abs((e.Utc - at).TotalSeconds))!;
            TestContext.Out.WriteLine($"{row[0],-10} {row[1]}  Δ {(nearest.Utc - at).TotalSeconds,7:F1} s");
            Assert.That((nearest.Utc - at).Duration(), Is.LessThan(Tolerance), $"{row[0]} at {row[1]}");
        }
    }

    [Test]
    public void Equinoxes_and_solstices_match_the_reference()
    {
        var (_, rows) = ReferenceData.Table("astro_events.csv");
        var ingresses = AstroEvents.Ingresses(Body.Sun, AstroTime.JulianDay(Utc("2024-01-01T00:00:00Z")), AstroTime.JulianDay(Utc("2026-01-01T00:00:00Z")), Ephemeris.Shared)
            .Where(e => (int)Math.Round(e.Longitude) % 90 == 0).ToList();
        var expected = rows.Where(r => r[0].StartsWith("sun_ingress", StringComparison.Ordinal)).ToList();
        Assert.That(ingresses, Has.Count.EqualTo(expected.Count));
        foreach (var row in expected)
        {
            var at = Utc(row[1]);
            var nearest = ingresses.MinBy(e => Math.Abs((e.Utc - at).TotalSeconds))!;
            TestContext.Out.WriteLine($"{row[0],-36} Δ {(nearest.Utc - at).TotalSeconds,7:F1} s  {nearest.Description}");
            Assert.That((nearest.Utc - at).Duration(), Is.LessThan(Tolerance), row[0]);
        }
    }

    [Test]
    public void Stations_bracket_the_change_of_direction()
    {
        // Mercury turns retrograde three times a year; each station is followed by retrograde motion.
        var stations = AstroEvents.Stations(Body.Mercury, AstroTime.JulianDay(Utc("2024-01-01T00:00:00Z")), AstroTime.JulianDay(Utc("2025-01-01T00:00:00Z")), Ephemeris.Shared).ToList();
        Assert.That(stations.Count(s => s.Type == AstroEventType.StationRetrograde), Is.EqualTo(3));
        Assert.That(stations.Count(s => s.Type == AstroEventType.StationDirect), Is.InRange(3, 4));
        foreach (var s in stations)
        {
            var jd = AstroTime.JulianDay(s.Utc);
            var after = Ephemeris.Shared.Speed(Body.Mercury, jd + 1);
            Assert.That(after < 0, Is.EqualTo(s.Type == AstroEventType.StationRetrograde), s.Description);
            Assert.That(Math.Abs(Ephemeris.Shared.Speed(Body.Mercury, jd)), Is.LessThan(0.01));
        }
    }

    [Test]
    public void Dates_outside_the_supported_range_are_refused_naming_it()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Ephemeris.Shared.Positions(Utc("1899-12-31T00:00:00Z")))!;
        Assert.That(error.Message, Does.Contain("1900-01-01").And.Contain("2100-12-31"));
        Assert.Throws<ArgumentOutOfRangeException>(() => AstroEvents.Between(Utc("2100-12-01T00:00:00Z"), Utc("2101-02-01T00:00:00Z")));
    }

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
}
