namespace LowLatency.Analytics.Gann;

/// <summary>
/// A price's vibration matrix on the Square of 9: for each ring (a full 360° turn, ±2 in √price) from
/// −<c>rings</c> to +<c>rings</c>, the levels at each 45° angle; the price squares (√base ± i)²; and the
/// vibration number, the digital root of the base's whole part (Gann's reduction to one digit, 1–9).
/// </summary>
public static class VibrationMatrix
{
    public static readonly IReadOnlyList<int> AnglesDegrees = [0, 45, 90, 135, 180, 225, 270, 315];

    /// <summary>Rows by ring, each the level at each of <see cref="AnglesDegrees"/> (NaN below zero).</summary>
    public static List<(int Ring, double[] Levels)> Matrix(double basePrice, int rings)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(basePrice);
        var rows = new List<(int, double[])>();
        for (var ring = -rings; ring <= rings; ring++)
        {
            rows.Add((ring, [.. AnglesDegrees.Select(a => SquareOfNine.At(basePrice, (ring * 360.0) + a))]));
        }

        return rows;
    }

    /// <summary>(√base + i)² above and (√base − i)² below, for i = 1 … <paramref name="count"/> (below only while positive).</summary>
    public static (List<double> Above, List<double> Below) Squares(double basePrice, int count)
    {
        var root = Math.Sqrt(basePrice);
        var above = Enumerable.Range(1, count).Select(i => (root + i) * (root + i)).ToList();
        var below = Enumerable.Range(1, count).Where(i => root - i > 0).Select(i => (root - i) * (root - i)).ToList();
        return (above, below);
    }

    /// <summary>The digital root (1–9) of the whole part of the price; 0 for prices below 1.</summary>
    public static int VibrationNumber(double price)
    {
        var whole = (long)Math.Floor(price);
        return whole < 1 ? 0 : (int)(1 + ((whole - 1) % 9));
    }
}
