using MathNet.Numerics.Statistics;

namespace LowLatency.Analytics.Statistics;

/// <summary>
/// Close-to-close realised volatility: the sample standard deviation of log returns, annualised by the square root
/// of the periods in a year (365 for daily bars of a market that never closes, 252 for one that trades weekdays).
/// </summary>
public static class RealisedVolatility
{
    /// <summary>The annualised volatility as a fraction; NaN with fewer than three closes (two returns) or a close that is not positive.</summary>
    public static double Annualised(IReadOnlyList<double> closes, double periodsPerYear)
    {
        ArgumentNullException.ThrowIfNull(closes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodsPerYear);
        if (closes.Count < 3)
        {
            return double.NaN;
        }

        var returns = new double[closes.Count - 1];
        for (var i = 1; i < closes.Count; i++)
        {
            if (!(closes[i - 1] > 0) || !(closes[i] > 0))
            {
                return double.NaN;
            }

            returns[i - 1] = Math.Log(closes[i] / closes[i - 1]);
        }

        return returns.StandardDeviation() * Math.Sqrt(periodsPerYear); // MathNet's sample (n − 1) deviation
    }
}
