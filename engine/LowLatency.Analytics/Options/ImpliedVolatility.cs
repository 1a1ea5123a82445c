namespace LowLatency.Analytics.Options;

/// <summary>
/// The volatility at which <see cref="BlackScholes"/> gives a quoted price, by bisection: the price rises with
/// volatility (vega is positive), so a bracket that holds the answer keeps holding it, where Newton's steps can
/// leave the domain for deep in- or out-of-the-money options whose vega is almost zero.
/// </summary>
public static class ImpliedVolatility
{
    /// <summary>The search bracket: volatility as a fraction (1e-6 to 1,000 %).</summary>
    public const double Lowest = 1e-6;

    public const double Highest = 10;

    /// <summary>The volatility, within <paramref name="tolerance"/>; NaN when no volatility gives the price (outside the no-arbitrage bounds, or beyond the bracket).</summary>
    public static double Solve(bool call, double price, double spot, double strike, double years, double rate, double tolerance = 1e-9)
    {
        if (!(price > 0) || !(spot > 0) || !(strike > 0) || !(years > 0) || !double.IsFinite(rate))
        {
            return double.NaN;
        }

        var (low, high) = (Lowest, Highest);
        if (price <= BlackScholes.Value(call, spot, strike, years, low, rate).Price || price >= BlackScholes.Value(call, spot, strike, years, high, rate).Price)
        {
            return double.NaN;
        }

        while (high - low > tolerance)
        {
            var middle = 0.5 * (low + high);
            if (BlackScholes.Value(call, spot, strike, years, middle, rate).Price < price)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return 0.5 * (low + high);
    }
}
