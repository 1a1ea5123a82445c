using System.Globalization;
using LowLatency.Analytics.Astro;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.Analytics;

/// <summary>
/// The ephemeris against <c>shared/reference/astro_swisseph.csv</c> (Swiss Ephemeris 2.10.03, Moshier's analytical
/// ephemeris, at TT = <c>jd_ut</c> + <c>deltaT_s</c>; apparent geocentric coordinates of the true ecliptic and
/// equinox of date): the Sun and the planets within 2″ in longitude and latitude, Pluto too, the Moon within 5″.
/// Each date's residuals are written out, so a regression says where.
/// </summary>
public sealed class SwissEphemerisReferenceTests
{
    private const double PlanetArcSeconds = 2;
    private const double MoonArcSeconds = 5;

    public static IEnumerable<TestCaseData> Rows()
    {
        var (_, rows) = ReferenceData.Table("astro_swisseph.csv");
        return rows.Select(r => new TestCaseData(r[0]).SetArgDisplayNames(r[0][..10]));
    }

    [TestCaseSource(nameof(Rows))]
    public void Longitude_and_latitude_are_within_the_targets(string date)
    {
        var (header, row) = Row(date);
        var jdUt = Value(header, row, "jd_ut");
        var failures = new List<string>();
        foreach (var body in BodyNames.All)
        {
            var tolerance = body == Body.Moon ? MoonArcSeconds : PlanetArcSeconds;
            var p = Ephemeris.Shared.PositionAtJulianDay(body, jdUt);
            var dLon = Angles.Difference(p.Longitude, Value(header, row, $"{body.Name()}_lon")) * 3600;
            var dLat = (p.Latitude - Value(header, row, $"{body.Name()}_lat")) * 3600;
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{date[..10]} {body,-8} Δλ {dLon,7:F2}″  Δβ {dLat,7:F2}″"));
            if (Math.Abs(dLon) > tolerance || Math.Abs(dLat) > tolerance)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{body}: Δλ {dLon:F2}″, Δβ {dLat:F2}″"));
            }
        }

        Assert.That(failures, Is.Empty);
    }

    private static (string[] Header, string[] Row) Row(string date)
    {
        var (header, rows) = ReferenceData.Table("astro_swisseph.csv");
        return (header, rows.Single(r => r[0] == date));
    }

    private static double Value(string[] header, string[] row, string column) => ReferenceData.Number(row[Array.IndexOf(header, column)]);
}
