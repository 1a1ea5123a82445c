namespace LowLatency.Analytics.Gann;

/// <summary>
/// Gann's Hexagon chart (FORMULAS.md §12): numbers in hexagonal rings around 1, ring n closing at the centred
/// hexagonal number v(n) = 3n(n − 1) + 1, each ring a full 360°. A price's place is n(v) = (3 + √(12v − 3))/6, and
/// the level θ degrees further round is v(n(v) + θ/360).
/// </summary>
public static class Hexagon
{
    /// <summary>The ring coordinate of a value (≥ 1): the integer part is the ring, the fraction × 360 the angle from the ring's start.</summary>
    public static double Ring(double value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1.0);
        return (3 + Math.Sqrt((12 * value) - 3)) / 6;
    }

    /// <summary>The centred hexagonal number at ring coordinate <paramref name="n"/>.</summary>
    public static double Value(double n) => (3 * n * (n - 1)) + 1;

    /// <summary>The level <paramref name="degrees"/> round the chart from <paramref name="value"/> (negative goes inwards); NaN inside the centre.</summary>
    public static double At(double value, double degrees)
    {
        var n = Ring(value) + (degrees / 360.0);
        return n >= 1 ? Value(n) : double.NaN;
    }

    /// <summary>The angle of a value on its ring, [0, 360).</summary>
    public static double AngleOnRing(double value)
    {
        var n = Ring(value);
        return (n - Math.Floor(n)) * 360.0;
    }
}
