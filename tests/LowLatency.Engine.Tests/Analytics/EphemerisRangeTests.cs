using LowLatency.Analytics.Astro;

namespace LowLatency.Engine.Tests.Analytics;

/// <summary>The range cache gives exactly the uncached answers while computing each shared instant once.</summary>
public sealed class EphemerisRangeTests
{
    [Test]
    public void Daily_rows_from_the_cache_equal_the_uncached_ones_and_compute_two_instants_a_day()
    {
        var ephemeris = Ephemeris.Shared;
        var range = new EphemerisRange(ephemeris);
        var first = AstroTime.JulianDay(new DateTimeOffset(2031, 6, 1, 0, 0, 0, TimeSpan.Zero));
        const int days = 20;
        for (var d = 0; d < days; d++)
        {
            var jd = first + d;
            var utc = AstroTime.FromJulianDay(jd);
            Assert.That(range.At(jd).Positions, Is.EqualTo(ephemeris.Positions(utc)));
            Assert.That(range.DailyMotions(jd), Is.EqualTo(ephemeris.DailyMotions(jd)));
            var (cached, fresh) = (LunarPhase.Of(range.At(jd)), LunarPhase.At(utc, ephemeris));
            Assert.That((cached.Elongation, cached.PhaseAngle, cached.Illumination, cached.Name), Is.EqualTo((fresh.Elongation, fresh.PhaseAngle, fresh.Illumination, fresh.Name)));
        }

        // Each date's own instant and the half-day after it; the half-day before is the previous date's (one extra at the start).
        Assert.That(range.Computed, Is.EqualTo((2 * days) + 1));
    }

    [Test]
    public void Distinct_instants_are_never_confused()
    {
        var range = new EphemerisRange(Ephemeris.Shared);
        var jd = AstroTime.J2000;
        var a = range.At(jd);
        var b = range.At(jd + 1e-5); // about a second later: the Moon has moved
        Assert.That(b, Is.Not.SameAs(a));
        Assert.That(b[Body.Moon].Longitude, Is.Not.EqualTo(a[Body.Moon].Longitude));
        Assert.That(range.At(jd), Is.SameAs(a));
    }
}
