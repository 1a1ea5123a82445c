namespace LowLatency.Analytics.Indicators;

/// <summary>TA-Lib's numeric guards and true range, reproduced so outputs match its reference values bit for bit.</summary>
internal static class TaLibMath
{
    private const double Epsilon = 0.00000001;

    /// <summary>TA-Lib's <c>TA_IS_ZERO</c>: |v| below 1e-8.</summary>
    public static bool IsZero(double value) => value > -Epsilon && value < Epsilon;

    /// <summary>TA-Lib's <c>TA_IS_ZERO_OR_NEG</c>: v below 1e-8.</summary>
    public static bool IsZeroOrNegative(double value) => value < Epsilon;

    /// <summary>TA-Lib's <c>TRUE_RANGE</c>: the largest of high−low, |high−prevClose| and |low−prevClose|.</summary>
    public static double TrueRange(double high, double low, double previousClose)
    {
        var range = high - low;
        var up = Math.Abs(high - previousClose);
        if (up > range)
        {
            range = up;
        }

        var down = Math.Abs(low - previousClose);
        if (down > range)
        {
            range = down;
        }

        return range;
    }
}
