using System.Globalization;
using LowLatency.Analytics.Astro;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.Analytics;

/// <summary>
/// The ephemeris against <c>shared/reference/astro.csv</c> (astronomy-engine: apparent geocentric coordinates of the
/// true ecliptic and equinox of date), a coarse cross-check: every body within 0.01° (36″), since that reference's
/// own truncated series are up to ~21″ from the full theories (<see cref="SwissEphemerisReferenceTests"/> holds the
/// tight targets).
/// </summary>
public sealed class AstroReferenceTests
{
    private const double PlanetTolerance = 0.01;
    private const double MoonTolerance = 0.01;

    public static IEnumerable<TestCaseData> Rows()
    {
        var (_, rows) = ReferenceData.Table("astro.csv");
        return rows.Select(r => new TestCaseData(r[0]).SetArgDisplayNames(r[0][..10]));
    }

    [TestCaseSource(nameof(Rows))]
    public void Longitude_and_latitude_match_the_reference(string date)
    {
        var (header, row) = Row(date);
        var utc = DateTimeOffset.Parse(date, CultureInfo.InvariantCulture);
        var positions = Ephemeris.Shared.Positions(utc);
        var failures = new List<string>();
        foreach (var body in BodyNames.All)
        {
            var tolerance = body == Body.Moon ? MoonTolerance : PlanetTolerance;
            var lon = Value(header, row, $"{body.Name()}_lon");
            var lat = Value(header, row, $"{body.Name()}_lat");
            var p = positions[(int)body];
            var dLon = Angles.Difference(p.Longitude, lon);
            var dLat = p.Latitude - lat;
            TestContext.Out.WriteLine($"{body,-8} Δλ {dLon * 3600,8:F2}″  Δβ {dLat * 3600,8:F2}″");
            if (Math.Abs(dLon) > tolerance || Math.Abs(dLat) > tolerance)
            {
                failures.Add($"{body}: Δλ {dLon:F5}°, Δβ {dLat:F5}°");
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [TestCaseSource(nameof(Rows))]
    public void Daily_motion_retrograde_flag_and_delta_t_match(string date)
    {
        var (header, row) = Row(date);
        var utc = DateTimeOffset.Parse(date, CultureInfo.InvariantCulture);
        var jd = AstroTime.JulianDay(utc);
        Assert.That(jd, Is.EqualTo(Value(header, row, "jd_ut")).Within(1e-6));
        Assert.That(AstroTime.DeltaTSeconds(jd), Is.EqualTo(Value(header, row, "deltaT_s")).Within(0.01));
        foreach (var body in BodyNames.Planets)
        {
            var speed = Ephemeris.Shared.DailyMotion(body, jd);
            var expected = Value(header, row, $"{body.Name()}_speed_deg_per_day");
            Assert.That(speed, Is.EqualTo(expected).Within(2 * PlanetTolerance), $"{body} daily motion");
            if (Math.Abs(expected) > 0.001)
            {
                Assert.That(speed < 0 ? 1 : 0, Is.EqualTo((int)Value(header, row, $"{body.Name()}_retro")), $"{body} retrograde flag");
            }
        }
    }

    [Test]
    public void Every_bodys_daily_motion_at_once_is_its_own_daily_motion()
    {
        var jd = AstroTime.JulianDay(new DateTimeOffset(2031, 3, 7, 18, 0, 0, TimeSpan.Zero));
        var all = Ephemeris.Shared.DailyMotions(jd);
        Assert.That(all, Is.EqualTo(BodyNames.All.Select(b => Ephemeris.Shared.DailyMotion(b, jd))), "the two instants shared, the arithmetic the same");
    }

    [TestCaseSource(nameof(Rows))]
    public void Moon_phase_and_illumination_match(string date)
    {
        var (header, row) = Row(date);
        var phase = LunarPhase.At(DateTimeOffset.Parse(date, CultureInfo.InvariantCulture));
        Assert.That(Angles.Difference(phase.Elongation, Value(header, row, "moon_phase_deg")), Is.EqualTo(0).Within(MoonTolerance), "elongation");
        Assert.That(phase.PhaseAngle, Is.EqualTo(Value(header, row, "moon_sme_phase_angle_deg")).Within(MoonTolerance), "phase angle");
        Assert.That(phase.Illumination, Is.EqualTo(Value(header, row, "moon_illum_fraction")).Within(1e-4), "illuminated fraction");
        Assert.That(phase.DaysToFullMoon, Is.InRange(0, 29.9));
    }

    private static (string[] Header, string[] Row) Row(string date)
    {
        var (header, rows) = ReferenceData.Table("astro.csv");
        return (header, rows.Single(r => r[0] == date));
    }

    private static double Value(string[] header, string[] row, string column) => ReferenceData.Number(row[Array.IndexOf(header, column)]);
}
