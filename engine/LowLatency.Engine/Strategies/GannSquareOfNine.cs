namespace LowLatency.Engine.Strategies;

/// <summary>
/// Gann Square-of-9 levels around a centre price: <c>(√centre ± k/4)²</c>, 45° per step, 8 steps a ring (the
/// original engine's convention). Finding the levels around a price is O(1): the step index is
/// <c>⌊4·(√price − √centre)⌋</c>.
/// </summary>
public static class GannSquareOfNine
{
    /// <summary>The level <paramref name="step"/> steps (of 45°) from the centre; NaN where √centre + step/4 ≤ 0.</summary>
    public static double Level(double centre, int step)
    {
        var root = Math.Sqrt(centre) + (step / 4.0);
        return root > 0 ? root * root : double.NaN;
    }

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
        var limit = 8 * rings;
        if (step < -limit || step + 1 > limit)
        {
            return false;
        }

        support = Level(centre, step);
        resistance = Level(centre, step + 1);
        return !double.IsNaN(support);
    }
}
