using LowLatency.Analytics.Options;
using LowLatency.Analytics.Statistics;

namespace LowLatency.Engine.Tests.Analytics;

/// <summary>
/// Black–Scholes against Hull's worked examples ("Options, Futures, and Other Derivatives": example 15.6 for the
/// prices, the greeks of the 49/50 call of chapter 19), put–call parity, implied volatility recovering the
/// volatility it was priced at, and realised volatility on hand-computed closes.
/// </summary>
public sealed class OptionsTests
{
    [Test]
    public void Prices_as_in_Hull_example_15_6()
    {
        var call = BlackScholes.Value(true, 42, 40, 0.5, 0.2, 0.1);
        var put = BlackScholes.Value(false, 42, 40, 0.5, 0.2, 0.1);
        Assert.That(call.Price, Is.EqualTo(4.76).Within(0.005));
        Assert.That(put.Price, Is.EqualTo(0.81).Within(0.005));
        Assert.That(call.Price - put.Price, Is.EqualTo(42 - (40 * Math.Exp(-0.1 * 0.5))).Within(1e-10), "put–call parity");
    }

    [Test]
    public void Greeks_as_in_Hull_chapter_19()
    {
        // S 49, K 50, r 5 %, σ 20 %, 20 weeks: Δ 0.522, Γ 0.066, Θ −4.31 a year, vega 12.1 and ρ 8.91 per unit.
        var call = BlackScholes.Value(true, 49, 50, 0.3846, 0.2, 0.05);
        Assert.Multiple(() =>
        {
            Assert.That(call.Delta, Is.EqualTo(0.522).Within(0.0005));
            Assert.That(call.Gamma, Is.EqualTo(0.066).Within(0.0005));
            Assert.That(call.Theta * 365, Is.EqualTo(-4.31).Within(0.005), "theta is per calendar day");
            Assert.That(call.Vega * 100, Is.EqualTo(12.1).Within(0.05), "vega is per percentage point");
            Assert.That(call.Rho * 100, Is.EqualTo(8.91).Within(0.005), "rho is per percentage point");
        });
    }

    [TestCase(true, 100, 100, 0.25, 0.3)]
    [TestCase(false, 100, 80, 1.0, 0.65)]
    [TestCase(true, 100, 160, 0.1, 1.2)]
    [TestCase(false, 65000, 64000, 30 / 365.0, 0.55)]
    public void Implied_volatility_recovers_the_volatility_a_price_was_made_with(bool call, double spot, double strike, double years, double volatility)
    {
        var price = BlackScholes.Value(call, spot, strike, years, volatility, 0.05).Price;
        Assert.That(ImpliedVolatility.Solve(call, price, spot, strike, years, 0.05), Is.EqualTo(volatility).Within(1e-7));
    }

    [Test]
    public void A_price_outside_the_no_arbitrage_bounds_has_no_implied_volatility()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ImpliedVolatility.Solve(true, 43, 42, 40, 0.5, 0.1), Is.NaN, "a call worth more than the share");
            Assert.That(ImpliedVolatility.Solve(true, 3.5, 42, 40, 0.5, 0.1), Is.NaN, "a call below its intrinsic value S − K·e^(−rT) = 3.95");
            Assert.That(ImpliedVolatility.Solve(false, -1, 42, 40, 0.5, 0.1), Is.NaN);
            Assert.That(ImpliedVolatility.Solve(false, double.NaN, 42, 40, 0.5, 0.1), Is.NaN);
        });
    }

    [Test]
    public void Realised_volatility_is_the_sample_deviation_of_log_returns_annualised()
    {
        // Returns ln(110/100), ln(99/110), ln(99/99) = 0.09531, −0.10536, 0; sample variance 0.010076, × 365, root: 1.9177.
        var closes = new[] { 100.0, 110, 99, 99 };
        var returns = new[] { Math.Log(1.1), Math.Log(0.9), 0.0 };
        var mean = returns.Average();
        var expected = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / 2 * 365);
        Assert.That(RealisedVolatility.Annualised(closes, 365), Is.EqualTo(expected).Within(1e-12));
        Assert.That(RealisedVolatility.Annualised(closes, 365), Is.EqualTo(1.9177).Within(0.0001));
        Assert.That(RealisedVolatility.Annualised([100, 101], 365), Is.NaN, "one return has no deviation");
        Assert.That(RealisedVolatility.Annualised([100, 0, 101], 365), Is.NaN);
    }
}
