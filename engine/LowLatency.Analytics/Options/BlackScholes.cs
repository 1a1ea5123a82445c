using MathNet.Numerics.Distributions;

namespace LowLatency.Analytics.Options;

/// <summary>
/// European option price and greeks (Black–Scholes, no dividends; Hull, "Options, Futures, and Other Derivatives",
/// ch. 15 and 19). Time in years; theta per calendar day; vega
/// and rho per 1 percentage point of volatility and rate.
/// </summary>
public static class BlackScholes
{
    public static OptionValue Value(bool call, double spot, double strike, double years, double volatility, double rate)
    {
        var sqrtT = Math.Sqrt(years);
        var d1 = (Math.Log(spot / strike) + ((rate + (0.5 * volatility * volatility)) * years)) / (volatility * sqrtT);
        var d2 = d1 - (volatility * sqrtT);
        var discount = Math.Exp(-rate * years);
        var pdf = Normal.PDF(0, 1, d1);
        var price = call
            ? (spot * Normal.CDF(0, 1, d1)) - (strike * discount * Normal.CDF(0, 1, d2))
            : (strike * discount * Normal.CDF(0, 1, -d2)) - (spot * Normal.CDF(0, 1, -d1));
        var delta = call ? Normal.CDF(0, 1, d1) : Normal.CDF(0, 1, d1) - 1;
        var gamma = pdf / (spot * volatility * sqrtT);
        var thetaYear = (-(spot * pdf * volatility) / (2 * sqrtT)) - (call ? rate * strike * discount * Normal.CDF(0, 1, d2) : -rate * strike * discount * Normal.CDF(0, 1, -d2));
        var vega = spot * pdf * sqrtT / 100;
        var rho = (call ? strike * years * discount * Normal.CDF(0, 1, d2) : -strike * years * discount * Normal.CDF(0, 1, -d2)) / 100;
        return new OptionValue(price, delta, gamma, thetaYear / 365, vega, rho);
    }
}
