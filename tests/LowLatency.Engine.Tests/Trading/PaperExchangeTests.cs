using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.Trading;

public sealed class PaperExchangeTests
{
    private static TradingFixture Running(PaperExchangeOptions? exchange = null)
    {
        var f = new TradingFixture(exchange: exchange);
        f.Run(CommandType.Start);
        f.Quote("BTC-USD", 60_000m, 60_010m);
        return f;
    }

    [TestCase(TimeInForce.Gtc)]
    [TestCase(TimeInForce.Ioc)]
    [TestCase(TimeInForce.Fok)]
    [TestCase(TimeInForce.Day)]
    public void A_market_order_fills_at_the_touch_on_the_next_quote(TimeInForce tif)
    {
        var f = Running();
        var result = f.Submit("BTC-USD", Side.Buy, 0.5m, tif: tif);
        Assert.That(result.Reason, Is.EqualTo(RejectReason.None));
        Assert.That(f.Order(result.OrderId).Status, Is.EqualTo(OrderStatus.Accepted));
        f.Quote("BTC-USD", 60_100m, 60_110m);
        var order = f.Order(result.OrderId);
        Assert.That(order.Status, Is.EqualTo(OrderStatus.Filled));
        Assert.That(order.AverageFillTicks * 0.01m, Is.EqualTo(60_110m));
        Assert.That(f.PositionQuantity("BTC-USD"), Is.EqualTo(0.5m));
    }

    [Test]
    public void A_resting_gtc_limit_waits_then_fills_at_its_price_as_maker()
    {
        var f = Running(new PaperExchangeOptions { LatencyMs = 0, LatencyJitterMs = 0, MaxSlippageTicks = 0, PartialFills = false, TakerFeeBps = 10, MakerFeeBps = 2 });
        var id = f.Submit("BTC-USD", Side.Buy, 1m, OrderType.Limit, limit: 59_500m).OrderId;
        f.Quote("BTC-USD", 59_900m, 59_910m);
        Assert.That(f.Order(id).Status, Is.EqualTo(OrderStatus.Accepted));
        f.Quote("BTC-USD", 59_400m, 59_450m);
        var order = f.Order(id);
        Assert.That(order.Status, Is.EqualTo(OrderStatus.Filled));
        Assert.That(order.AverageFillTicks * 0.01m, Is.EqualTo(59_500m), "a resting limit fills at its limit");
        var fill = f.Records.Last(r => r.Type == State.RecordType.Fill);
        Assert.That(fill.Flag, Is.True, "maker");
        Assert.That(fill.Amount, Is.EqualTo(59_500m * 2 / 10_000m), "maker fee 2 bps of notional");
    }

    [Test]
    public void A_marketable_limit_fills_at_the_better_quote_as_taker()
    {
        var f = Running(new PaperExchangeOptions { LatencyMs = 0, LatencyJitterMs = 0, MaxSlippageTicks = 0, PartialFills = false, TakerFeeBps = 10, MakerFeeBps = 2 });
        var id = f.Submit("BTC-USD", Side.Sell, 1m, OrderType.Limit, limit: 59_000m).OrderId;
        f.Quote("BTC-USD", 60_000m, 60_010m);
        Assert.That(f.Order(id).AverageFillTicks * 0.01m, Is.EqualTo(60_000m));
        Assert.That(f.Records.Last(r => r.Type == State.RecordType.Fill).Amount, Is.EqualTo(60_000m * 10 / 10_000m));
    }

    [TestCase(TimeInForce.Ioc, OrderStatus.Cancelled)]
    [TestCase(TimeInForce.Fok, OrderStatus.Cancelled)]
    [TestCase(TimeInForce.Gtc, OrderStatus.Accepted)]
    [TestCase(TimeInForce.Day, OrderStatus.Accepted)]
    public void A_limit_away_from_the_market(TimeInForce tif, OrderStatus expected)
    {
        var f = Running();
        var id = f.Submit("BTC-USD", Side.Buy, 1m, OrderType.Limit, tif, limit: 59_000m).OrderId;
        f.Quote("BTC-USD", 60_000m, 60_010m);
        Assert.That(f.Order(id).Status, Is.EqualTo(expected));
    }

    [Test]
    public void Ioc_fills_what_the_quote_offers_and_cancels_the_rest()
    {
        var f = Running(new PaperExchangeOptions { LatencyMs = 0, LatencyJitterMs = 0, MaxSlippageTicks = 0, PartialFills = true, LiquidityMultiplier = 1 });
        var id = f.Submit("BTC-USD", Side.Buy, 1m, tif: TimeInForce.Ioc).OrderId;
        f.Quote("BTC-USD", 60_000m, 60_010m, size: 0.3m);
        var order = f.Order(id);
        Assert.That(order.Status, Is.EqualTo(OrderStatus.Cancelled));
        Assert.That(order.FilledLots, Is.EqualTo(3000), "0.3 BTC of 1 filled");
        Assert.That(f.PositionQuantity("BTC-USD"), Is.EqualTo(0.3m));
    }

    [Test]
    public void Fok_fills_nothing_when_the_quote_cannot_fill_it_all()
    {
        var f = Running(new PaperExchangeOptions { LatencyMs = 0, LatencyJitterMs = 0, MaxSlippageTicks = 0, PartialFills = true, LiquidityMultiplier = 1 });
        var id = f.Submit("BTC-USD", Side.Buy, 1m, tif: TimeInForce.Fok).OrderId;
        f.Quote("BTC-USD", 60_000m, 60_010m, size: 0.3m);
        Assert.That(f.Order(id).Status, Is.EqualTo(OrderStatus.Cancelled));
        Assert.That(f.Order(id).FilledLots, Is.Zero);
        Assert.That(f.PositionQuantity("BTC-USD"), Is.Zero);
    }

    [Test]
    public void Gtc_partial_fills_accumulate_across_quotes()
    {
        var f = Running(new PaperExchangeOptions { LatencyMs = 0, LatencyJitterMs = 0, MaxSlippageTicks = 0, PartialFills = true, LiquidityMultiplier = 1 });
        var id = f.Submit("BTC-USD", Side.Buy, 1m).OrderId;
        f.Quote("BTC-USD", 60_000m, 60_010m, size: 0.4m);
        Assert.That(f.Order(id).Status, Is.EqualTo(OrderStatus.PartiallyFilled));
        f.Quote("BTC-USD", 60_000m, 60_020m, size: 0.4m);
        f.Quote("BTC-USD", 60_000m, 60_030m, size: 0.4m);
        var order = f.Order(id);
        Assert.That(order.Status, Is.EqualTo(OrderStatus.Filled));
        Assert.That(order.AverageFillTicks * 0.01m, Is.EqualTo(((0.4m * 60_010m) + (0.4m * 60_020m) + (0.2m * 60_030m)) / 1m));
    }

    [Test]
    public void A_day_order_expires_at_the_end_of_its_utc_day()
    {
        var f = Running();
        var id = f.Submit("BTC-USD", Side.Buy, 1m, OrderType.Limit, TimeInForce.Day, limit: 59_000m).OrderId;
        f.Quote("BTC-USD", 60_000m, 60_010m, advanceMs: 3_600_000);
        Assert.That(f.Order(id).Status, Is.EqualTo(OrderStatus.Accepted));
        f.Quote("BTC-USD", 60_000m, 60_010m, advanceMs: 86_400_000);
        Assert.That(f.Order(id).Status, Is.EqualTo(OrderStatus.Expired));
    }

    [TestCase(Side.Buy, 60_500, 60_400, 60_510)]
    [TestCase(Side.Sell, 59_500, 59_490, 59_600)]
    public void A_stop_triggers_when_the_market_reaches_it_then_fills_at_market(Side side, int stop, int bidAfter, int askAfter)
    {
        var f = Running();
        var id = f.Submit("BTC-USD", side, 1m, OrderType.Stop, stop: stop).OrderId;
        f.Quote("BTC-USD", 60_000m, 60_010m);
        Assert.That(f.Order(id).Triggered, Is.False);
        f.Quote("BTC-USD", bidAfter, askAfter);
        var order = f.Order(id);
        Assert.That(order.Triggered, Is.True);
        Assert.That(order.Status, Is.EqualTo(OrderStatus.Filled));
        Assert.That(order.AverageFillTicks * 0.01m, Is.EqualTo(side == Side.Buy ? (decimal)askAfter : bidAfter));
    }

    [Test]
    public void A_stop_limit_triggers_and_then_waits_for_its_limit()
    {
        var f = Running();
        var id = f.Submit("BTC-USD", Side.Buy, 1m, OrderType.StopLimit, limit: 60_450m, stop: 60_400m).OrderId;
        f.Quote("BTC-USD", 60_490m, 60_500m);
        Assert.That(f.Order(id).Triggered, Is.True);
        Assert.That(f.Order(id).Status, Is.EqualTo(OrderStatus.Accepted), "triggered but the ask is above the limit");
        f.Quote("BTC-USD", 60_430m, 60_440m);
        Assert.That(f.Order(id).Status, Is.EqualTo(OrderStatus.Filled));
        Assert.That(f.Order(id).AverageFillTicks * 0.01m, Is.EqualTo(60_450m), "rested after triggering: fills at its limit");
    }

    [Test]
    public void A_bracket_creates_oco_children_and_the_take_profit_cancels_the_stop()
    {
        var f = Running();
        var parent = f.Submit("BTC-USD", Side.Buy, 1m, stopLoss: 59_000m, takeProfit: 61_000m).OrderId;
        f.Quote("BTC-USD", 60_000m, 60_010m);
        var children = f.Core.Orders.Working.Where(o => o.ParentId == parent).OrderBy(o => o.Id).ToArray();
        Assert.That(children, Has.Length.EqualTo(2));
        var (stop, take) = (children[0], children[1]);
        Assert.That((stop.Type, stop.Side, stop.StopTicks, stop.ReduceOnly), Is.EqualTo((OrderType.Stop, Side.Sell, 5_900_000L, true)));
        Assert.That((take.Type, take.Side, take.LimitTicks, take.OcoId), Is.EqualTo((OrderType.Limit, Side.Sell, 6_100_000L, stop.Id)));
        Assert.That(stop.OcoId, Is.EqualTo(take.Id));
        var takeId = take.Id;
        var stopId = stop.Id;
        f.Quote("BTC-USD", 61_050m, 61_060m);
        Assert.That(f.Order(takeId).Status, Is.EqualTo(OrderStatus.Filled));
        Assert.That(f.Order(stopId).Status, Is.EqualTo(OrderStatus.Cancelled));
        Assert.That(f.PositionQuantity("BTC-USD"), Is.Zero);
        Assert.That(f.Core.Account.Balance, Is.EqualTo(100_000m + ((61_050m - 60_010m) * 1m)), "marketable on arrival: sold at the better bid");
    }

    [Test]
    public void Bracket_children_grow_with_partial_fills_and_the_stop_loss_closes_the_position()
    {
        var f = Running(new PaperExchangeOptions { LatencyMs = 0, LatencyJitterMs = 0, MaxSlippageTicks = 0, PartialFills = true, LiquidityMultiplier = 1 });
        var parent = f.Submit("BTC-USD", Side.Buy, 1m, stopLoss: 59_000m, takeProfit: 61_000m).OrderId;
        f.Quote("BTC-USD", 60_000m, 60_010m, size: 0.5m);
        f.Quote("BTC-USD", 60_000m, 60_010m, size: 0.5m);
        Assert.That(f.Order(parent).Status, Is.EqualTo(OrderStatus.Filled));
        var children = f.Core.Orders.Working.Where(o => o.ParentId == parent).ToArray();
        Assert.That(children.Select(c => c.QuantityLots), Is.All.EqualTo(10_000L), "each child covers the whole 1 BTC");
        f.Quote("BTC-USD", 58_900m, 58_910m, size: 5m);
        Assert.That(f.PositionQuantity("BTC-USD"), Is.Zero);
        Assert.That(f.Core.Orders.Working.Count(o => o.ParentId == parent), Is.Zero);
    }

    [Test]
    public void Latency_slippage_and_partial_fills_are_the_same_under_the_same_seed()
    {
        static string Run()
        {
            var f = Running(new PaperExchangeOptions { LatencyMs = 3, LatencyJitterMs = 5, MaxSlippageTicks = 4, PartialFills = true, LiquidityMultiplier = 0.5, Seed = 99 });
            var random = new Random(5);
            for (var i = 0; i < 300; i++)
            {
                if (i % 7 == 0)
                {
                    f.Submit("BTC-USD", i % 14 == 0 ? Side.Buy : Side.Sell, 0.1m * (1 + (i % 3)));
                }

                var mid = 60_000m + random.Next(-50, 50);
                f.Quote("BTC-USD", mid, mid + 10m, size: 0.05m * random.Next(1, 10), advanceMs: 1 + random.Next(0, 4));
            }

            return string.Join(";", f.Records.Where(r => r.Type == State.RecordType.Fill).Select(r => $"{r.OrderId}:{r.QuantityLots}@{r.PriceTicks}/{r.TimeMs}"));
        }

        var first = Run();
        Assert.That(first, Is.Not.Empty);
        Assert.That(Run(), Is.EqualTo(first));
    }
}
