namespace LowLatency.Analytics.Astro;

/// <summary>Degree arithmetic on the circle.</summary>
public static class Angles
{
    /// <summary><paramref name="degrees"/> in [0, 360).</summary>
    public static double Normalize(double degrees)
    {
        var r = degrees % 360.0;
        if (r < 0)
        {
            r += 360.0;
        }

        return r >= 360.0 ? 0 : r;
    }

    /// <summary>a − b wrapped to (−180, 180].</summary>
    public static double Difference(double a, double b)
    {
        var d = Normalize(a - b);
        return d > 180 ? d - 360 : d;
    }

    /// <summary>The separation of two longitudes folded to [0, 180].</summary>
    public static double Separation(double a, double b) => Math.Abs(Difference(a, b));
}
