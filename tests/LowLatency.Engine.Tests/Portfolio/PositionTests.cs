using LowLatency.Engine.Portfolio;

namespace LowLatency.Engine.Tests.Portfolio;

/// <summary>P&amp;L arithmetic: long, short, scale in and out, flip, fees, bad fills. BTC-like: tick 0.01, lot 0.0001.</summary>
[TestFixture]
public sealed class PositionTests
{
    private static Position Btc() => new(0, 0.01m, 0.0001m);

    // 1 BTC = 10,000 lots; $65,000.00 = 6,500,000 ticks.
    private const long OneBtc = 10_000;

    private static long Usd(decimal price) => (long)(price / 0.01m);

    [Test]
    public void Long_scale_in_then_out_realises_against_the_average_cost()
    {
        var p = Btc();
        p.Apply(Side.Buy, OneBtc, Usd(60_000));
        p.Apply(Side.Buy, OneBtc, Usd(62_000));
        Assert.That(p.QuantityLots, Is.EqualTo(2 * OneBtc));
        Assert.That(p.AveragePriceTicks, Is.EqualTo(Usd(61_000)));
        Assert.That(p.UnrealizedPnl(Usd(63_000)), Is.EqualTo(4_000m));

        Assert.That(p.Apply(Side.Sell, OneBtc / 2, Usd(64_000)), Is.EqualTo(1_500m), "0.5 BTC × (64,000 − 61,000)");
        Assert.That(p.AveragePriceTicks, Is.EqualTo(Usd(61_000)), "reducing keeps the average");
        Assert.That(p.Apply(Side.Sell, OneBtc * 3 / 2, Usd(59_000)), Is.EqualTo(-3_000m), "1.5 BTC × (59,000 − 61,000)");
        Assert.That(p.IsFlat, Is.True);
        Assert.That(p.RealizedPnl, Is.EqualTo(-1_500m));
        Assert.That(p.UnrealizedPnl(Usd(70_000)), Is.Zero);
        Assert.That(p.AveragePriceTicks, Is.Zero);
    }

    [Test]
    public void Short_profits_when_price_falls()
    {
        var p = Btc();
        p.Apply(Side.Sell, 2 * OneBtc, Usd(65_000));
        Assert.That(p.QuantityLots, Is.EqualTo(-2 * OneBtc));
        Assert.That(p.UnrealizedPnl(Usd(64_000)), Is.EqualTo(2_000m));
        Assert.That(p.Apply(Side.Buy, OneBtc, Usd(63_500.50m)), Is.EqualTo(1_499.50m));
        Assert.That(p.UnrealizedPnl(Usd(66_000)), Is.EqualTo(-1_000m));
    }

    [Test]
    public void A_fill_through_zero_closes_then_opens_the_other_way_at_the_fill_price()
    {
        var p = Btc();
        p.Apply(Side.Buy, OneBtc, Usd(60_000));
        Assert.That(p.Apply(Side.Sell, 3 * OneBtc, Usd(61_000)), Is.EqualTo(1_000m), "only the closed BTC realises");
        Assert.That(p.QuantityLots, Is.EqualTo(-2 * OneBtc));
        Assert.That(p.AveragePriceTicks, Is.EqualTo(Usd(61_000)));
        Assert.That(p.Apply(Side.Buy, 2 * OneBtc, Usd(60_500)), Is.EqualTo(1_000m));
        Assert.That(p.IsFlat, Is.True);
        Assert.That(p.RealizedPnl, Is.EqualTo(2_000m));
        Assert.That(p.Fills, Is.EqualTo(3));
    }

    [Test]
    public void Uneven_averages_stay_exact_and_leave_no_residue_when_flat()
    {
        var p = Btc();
        p.Apply(Side.Buy, 3, Usd(100.00m));
        p.Apply(Side.Buy, 3, Usd(100.01m));
        p.Apply(Side.Buy, 1, Usd(100.03m));
        var total = 0m;
        total += p.Apply(Side.Sell, 2, Usd(101m));
        total += p.Apply(Side.Sell, 2, Usd(101m));
        total += p.Apply(Side.Sell, 3, Usd(101m));
        // Exact: 7 lots sold at 101.00 against costs 3×100.00 + 3×100.01 + 1×100.03 = 700.06, per lot 0.0001 BTC.
        Assert.That(total, Is.EqualTo(((7 * 101m) - 700.06m) * 0.0001m).Within(1e-20m));
        Assert.That(p.IsFlat, Is.True);
        Assert.That(p.AveragePriceTicks, Is.Zero);
    }

    [Test]
    public void Fees_accumulate_apart_from_pnl()
    {
        var p = Btc();
        p.Apply(Side.Buy, OneBtc, Usd(60_000), fee: 6m);
        p.Apply(Side.Sell, OneBtc, Usd(60_000), fee: 6m);
        Assert.That(p.RealizedPnl, Is.Zero);
        Assert.That(p.Fees, Is.EqualTo(12m));
    }

    [TestCase(0L, 100L, 0)]
    [TestCase(-1L, 100L, 0)]
    [TestCase(1L, 0L, 0)]
    [TestCase(1L, -5L, 0)]
    [TestCase(1L, 100L, -1)]
    public void Bad_fills_are_refused_and_change_nothing(long lots, long price, int fee)
    {
        var p = Btc();
        p.Apply(Side.Buy, OneBtc, Usd(60_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => p.Apply(Side.Sell, lots, price, fee));
        Assert.That((p.QuantityLots, p.AveragePriceTicks, p.RealizedPnl, p.Fees, p.Fills), Is.EqualTo((OneBtc, (decimal)Usd(60_000), 0m, 0m, 1L)));
    }

    [Test]
    public void Random_fills_conserve_money()
    {
        // Whatever the path, realised + unrealised at the last price = Σ over fills of signed cash flow + position value.
        var random = new Random(9);
        var p = Btc();
        decimal cash = 0;
        long price = Usd(60_000);
        for (var i = 0; i < 10_000; i++)
        {
            price = Math.Max(1, price + random.Next(-5_000, 5_001));
            var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
            var lots = random.Next(1, 20_000);
            p.Apply(side, lots, price);
            cash += (side == Side.Buy ? -1 : 1) * lots * (decimal)price;
        }

        var expected = p.ToMoney(cash + (p.QuantityLots * (decimal)price));
        Assert.That(p.RealizedPnl + p.UnrealizedPnl(price), Is.EqualTo(expected).Within(1e-12m));
    }
}
