namespace LowLatency.Bridge.Analytics;

/// <summary>
/// Square-of-9 levels around a price (the original engine's <c>SquareOf9(P).get_levels(n)</c>: (√P ± k/4)², 45°
/// per step, 8 steps a ring), in the frontend's <c>GannLevels</c> shape. <c>angle</c> is the rotation from the
/// centre (k·45°) and <c>degree</c> its position on the circle (angle mod 360). Cardinal levels (multiples of
/// 90°, weight 1.0) are <c>support</c> below the price and <c>resistance</c> above; ordinal ones (weight 0.7,
/// the original's config) are <c>minor</c> below and <c>major</c> above. Strength is the weight, less 0.15 per
/// ring outwards (at least 0.1).
/// </summary>
public static class GannLevels
{
    public static List<GannLevel> Around(double price, int rings)
    {
        var root = Math.Sqrt(price);
        var levels = new List<GannLevel>();
        for (var k = 1; k <= 8 * rings; k++)
        {
            var angle = k * 45;
            var cardinal = k % 2 == 0;
            var strength = Math.Round(Math.Max(0.1, (cardinal ? 1.0 : 0.7) - (0.15 * ((k - 1) / 8))), 4);
            var above = (root + (k / 4.0)) * (root + (k / 4.0));
            levels.Add(new GannLevel(angle, angle % 360, Math.Round(above, 8), cardinal ? "resistance" : "major", strength));
            var downRoot = root - (k / 4.0);
            if (downRoot > 0)
            {
                levels.Add(new GannLevel(angle, angle % 360, Math.Round(downRoot * downRoot, 8), cardinal ? "support" : "minor", strength));
            }
        }

        levels.Sort((a, b) => a.Price.CompareTo(b.Price));
        return levels;
    }
}
