using LowLatency.Analytics;
using LowLatency.Analytics.Astro;
using LowLatency.Analytics.Gann;

namespace LowLatency.Engine.Tests.Analytics;

/// <summary>Gann geometry on hand-computed cases (FORMULAS.md §10–12) and the aspect finder on constructed positions.</summary>
public sealed class GannMathTests
{
    [TestCase(45, 105.0625)]
    [TestCase(90, 110.25)]
    [TestCase(180, 121)]
    [TestCase(360, 144)]
    [TestCase(-90, 90.25)]
    [TestCase(-180, 81)]
    [TestCase(-360, 64)]
    public void Square_of_nine_from_100(double degrees, double expected)
    {
        Assert.That(SquareOfNine.At(100, degrees), Is.EqualTo(expected).Within(1e-12));
        Assert.That(SquareOfNine.DegreesBetween(100, expected), Is.EqualTo(degrees).Within(1e-9));
    }

    [Test]
    public void Square_of_nine_levels_are_typed_and_bracket_like_the_strategy()
    {
        var levels = SquareOfNine.Levels(100, 1);
        Assert.That(levels, Has.Count.EqualTo(16));
        Assert.That(levels.Select(l => l.Price), Is.Ordered);
        var above45 = levels.Single(l => l.Angle == 45 && l.Price > 100);
        Assert.That((above45.Type, above45.Price, above45.Strength), Is.EqualTo((GannLevelType.Major, 105.0625, 0.7)));
        var below90 = levels.Single(l => l.Angle == 90 && l.Price < 100);
        Assert.That((below90.Type, below90.Price, below90.Degree), Is.EqualTo((GannLevelType.Support, 90.25, 90)));
        Assert.That(SquareOfNine.TryBracket(100, 104, 1, out var support, out var resistance), Is.True);
        Assert.That((support, resistance), Is.EqualTo((100.0, 105.0625)), "the strategy's bracket is made of the API's levels");
        Assert.That(levels.Select(l => l.Price), Does.Contain(resistance));
    }

    [TestCase(37, 90, 42.4375)]
    [TestCase(37, 180, 48.25)]
    [TestCase(37, 360, 61)]
    [TestCase(61, -360, 37)]
    public void Hexagon_levels(double value, double degrees, double expected)
    {
        Assert.That(Hexagon.At(value, degrees), Is.EqualTo(expected).Within(1e-9));
    }

    [Test]
    public void Hexagon_rings_close_at_centred_hexagonal_numbers()
    {
        Assert.That(new[] { 1, 7, 19, 37, 61, 91, 127 }.Select(v => Hexagon.Ring(v)), Is.EqualTo(new[] { 1.0, 2, 3, 4, 5, 6, 7 }).Within(1e-12));
        Assert.That(Hexagon.AngleOnRing(42.4375), Is.EqualTo(90).Within(1e-9));
    }

    [Test]
    public void Angle_lines_move_ratio_times_scale_per_bar()
    {
        var oneByTwo = GannAngle.All.Single(a => a.Name == "1x2");
        var twoByOne = GannAngle.All.Single(a => a.Name == "2x1");
        Assert.That(oneByTwo.PriceAt(100, 1.5, 10, up: true), Is.EqualTo(130));
        Assert.That(twoByOne.PriceAt(100, 1.5, 10, up: false), Is.EqualTo(92.5));
        Assert.That((oneByTwo.GannDegrees, twoByOne.GannDegrees), Is.EqualTo((63.75, 26.25)));
        Assert.That(oneByTwo.GeometricDegrees, Is.EqualTo(63.4349).Within(1e-4));
        Assert.That(GannAngle.Convention, Does.Contain("1x2 rises 2"));
    }

    [Test]
    public void Box_octaves_and_vibration()
    {
        var box = GannBox.Levels(200, 100);
        Assert.That(box.Single(l => l.Name == "4/8").Price, Is.EqualTo(150));
        Assert.That(box.Single(l => l.Name == "1/3").Price, Is.EqualTo(133.3333333).Within(1e-6));
        Assert.That(VibrationMatrix.VibrationNumber(47500), Is.EqualTo(7), "4+7+5+0+0 = 16 → 7");
        Assert.That(VibrationMatrix.VibrationNumber(9), Is.EqualTo(9));
        var matrix = VibrationMatrix.Matrix(100, 1);
        Assert.That(matrix.Single(r => r.Ring == 0).Levels[1], Is.EqualTo(105.0625));
        Assert.That(matrix.Single(r => r.Ring == 1).Levels[0], Is.EqualTo(144));
        Assert.That(VibrationMatrix.Squares(100, 2), Is.EqualTo((new List<double> { 121, 144 }, new List<double> { 81, 64 })).Using<(List<double>, List<double>)>((a, b) => a.Item1.SequenceEqual(b.Item1) && a.Item2.SequenceEqual(b.Item2)));
    }

    [Test]
    public void Time_cycles_cluster_projections_within_the_tolerance()
    {
        var day = 86_400_000L;
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var a = new Pivot(0, start, 100, false);
        var b = new Pivot(30, start + (30 * day), 120, true);
        var projections = TimeCycles.Project([a, b], [90, 120, 180], DateTimeOffset.FromUnixTimeMilliseconds(start));
        var zones = TimeCycles.Confluence(projections, 5);
        // a+120 = day 120 = b+90; a+180 = day 180 … b+180 = day 210 is alone.
        Assert.That(zones.Select(z => z.Strength), Is.EqualTo(new[] { 2 }));
        Assert.That(zones[0].Date, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(start + (120 * day))));
        Assert.That(zones[0].Projections.Select(p => p.CycleDays), Is.EquivalentTo(new[] { 120, 90 }));
    }

    [Test]
    public void Swing_pivots_need_lower_neighbours_on_both_sides()
    {
        double[] highs = [1, 2, 5, 2, 1, 3, 1];
        var bars = highs.Select((h, i) => new OhlcvBar(i, h - 0.25, h, h - 0.5, h - 0.25, 1)).ToList();
        var swings = Pivots.Swings(bars, 2);
        Assert.That(swings.Where(p => p.IsHigh).Select(p => p.Bar), Is.EqualTo(new[] { 2 }));
        Assert.That(swings.Where(p => !p.IsHigh).Select(p => p.Bar), Is.EqualTo(new[] { 4 }));
    }

    [Test]
    public void Aspects_are_found_within_their_orb_applying_or_separating()
    {
        var positions = new List<ApparentPosition>
        {
            new(Body.Sun, 10, 0, 1),
            new(Body.Moon, 128, 0, 0.0026), // 118° from the Sun: a trine 2° short, closing at 12°/day
            new(Body.Mercury, 100.5, 0, 1), // 90.5° from the Sun: a square, opening at 1.5°/day
        };
        var speeds = new double[BodyNames.All.Count];
        speeds[(int)Body.Sun] = 1;
        speeds[(int)Body.Moon] = 13;
        speeds[(int)Body.Mercury] = 1.5;
        var aspects = AspectFinder.Find(positions, speeds, AspectTable.Default);
        var trine = aspects.Single(a => a.First == Body.Sun && a.Second == Body.Moon);
        Assert.That((trine.Definition.Name, trine.Applying), Is.EqualTo(("Trine", true)));
        Assert.That(trine.Orb, Is.EqualTo(2).Within(1e-9));
        var square = aspects.Single(a => a.First == Body.Sun && a.Second == Body.Mercury);
        Assert.That((square.Definition.Name, square.Applying), Is.EqualTo(("Square", false)));
        Assert.That(aspects.Any(a => a.First == Body.Moon && a.Second == Body.Mercury), Is.False, "27.5° is no aspect (the semisextile's orb is 2°)");
    }

    [Test]
    public void The_great_conjunction_of_2020_is_found()
    {
        var analysis = AstroAnalysis.At(new DateTimeOffset(2020, 12, 21, 18, 0, 0, TimeSpan.Zero), AspectTable.Default, eventsAhead: 0);
        var conjunction = analysis.Aspects.Single(a => a.First == Body.Jupiter && a.Second == Body.Saturn);
        Assert.That(conjunction.Definition.Name, Is.EqualTo("Conjunction"));
        Assert.That(conjunction.Orb, Is.LessThan(0.2));
        Assert.That(Zodiac.Sign(analysis.Positions[(int)Body.Jupiter].Longitude), Is.EqualTo("Aquarius"));
    }
}
