namespace LowLatency.Analytics.Gann;

/// <summary>
/// The one Square-of-9 implementation (FORMULAS.md §10): <c>level(p, θ) = (√p + θ/180)²</c>, so 45° is +0.25 in
/// √price and a full 360° turn is +2. Levels are indexed by the step k (45° each, 8 a ring) from a centre. The
/// engine's strategies bracket a price with <see cref="TryBracket"/>; the API lists <see cref="Levels"/>; both use
/// <see cref="Level"/>, so a level the API shows is the level a strategy trades.
/// </summary>
public static class SquareOfNine
{
    /// <summary>Steps of 45° in one ring (one 360° turn).</summary>
    public const int StepsPerRing = 8;

    /// <summary>The level at <paramref name="degrees"/> from <paramref name="price"/> (negative goes down); NaN below zero.</summary>
    public static double At(double price, double degrees)
    {
        var root = Math.Sqrt(price) + (degrees / 180.0);
        return root > 0 ? root * root : double.NaN;
    }

    /// <summary>The rotation in degrees from <paramref name="from"/> to <paramref name="to"/>: 180·(√to − √from).</summary>
    public static double DegreesBetween(double from, double to) => 180.0 * (Math.Sqrt(to) - Math.Sqrt(from));

    /// <summary>The level <paramref name="step"/> steps (of 45°) from the centre; NaN where √centre + step/4 ≤ 0.</summary>
    public static double Level(double centre, int step) => At(centre, step * 45.0);

    /// <summary>The step index of the level at or below <paramref name="price"/>.</summary>
    public static int StepBelow(double centre, double price) => (int)Math.Floor(4 * (Math.Sqrt(price) - Math.Sqrt(centre)));

    /// <summary>The nearest levels with support ≤ price &lt; resistance, limited to <paramref name="rings"/> rings (8 steps each).</summary>
    public static bool TryBracket(double centre, double price, int rings, out double support, out double resistance)
    {
        support = resistance = double.NaN;
        if (!(centre > 0) || !(price > 0))
        {
            return false;
        }

        var step = StepBelow(centre, price);
        var limit = StepsPerRing * rings;
        if (step < -limit || step + 1 > limit)
        {
            return false;
        }

        support = Level(centre, step);
        resistance = Level(centre, step + 1);
        return !double.IsNaN(support);
    }

    /// <summary>
    /// Every level within <paramref name="rings"/> rings of <paramref name="centre"/>, sorted by price. Steps on a
    /// cardinal axis (multiples of 90°, weight 1.0) are <c>support</c> below the centre and <c>resistance</c> above;
    /// ordinal steps (45°, 135° …, weight 0.7, the original's configuration) are <c>minor</c> below and
    /// <c>major</c> above. <c>angle</c> is the rotation k·45° and <c>degree</c> its place on the wheel (angle mod
    /// 360). Strength is the weight less 0.15 per ring outwards, at least 0.1.
    /// </summary>
    public static List<GannLevel> Levels(double centre, int rings)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(centre);
        ArgumentOutOfRangeException.ThrowIfLessThan(rings, 1);
        var levels = new List<GannLevel>(2 * StepsPerRing * rings);
        for (var k = 1; k <= StepsPerRing * rings; k++)
        {
            var angle = k * 45;
            var cardinal = k % 2 == 0;
            var strength = Math.Round(Math.Max(0.1, (cardinal ? 1.0 : 0.7) - (0.15 * ((k - 1) / StepsPerRing))), 4);
            levels.Add(new GannLevel(angle, angle % 360, Level(centre, k), cardinal ? GannLevelType.Resistance : GannLevelType.Major, strength));
            var below = Level(centre, -k);
            if (!double.IsNaN(below))
            {
                levels.Add(new GannLevel(angle, angle % 360, below, cardinal ? GannLevelType.Support : GannLevelType.Minor, strength));
            }
        }

        levels.Sort((a, b) => a.Price.CompareTo(b.Price));
        return levels;
    }
}
