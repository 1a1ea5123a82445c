using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Engine.Strategies;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.Trading;

public sealed class RiskCheckTests
{
    private static TradingFixture Running(RiskLimits? limits = null)
    {
        var f = new TradingFixture(limits);
        f.Run(CommandType.Start);
        f.Quote("BTC-USD", 60_000m, 60_010m);
        f.Quote("ETH-USD", 3_000m, 3_001m);
        return f;
    }

    [Test]
    public void Each_check_rejects_with_its_reason_and_the_rejection_is_recorded()
    {
        var limits = new RiskLimits
        {
            PriceBandPercent = 5, MaxOrderQuantity = new Dictionary<string, decimal> { ["BTC-USD"] = 2m }, MaxOrderNotional = 150_000m,
            MaxPositionNotional = 200_000m, MaxOpenPositions = 1, MaxOrdersPerSecond = 3,
        };
        var f = Running(limits);
        Assert.That(f.Submit("BTC-USD", Side.Buy, 1m, OrderType.Limit, limit: 70_000m).Reason, Is.EqualTo(RejectReason.PriceBand));
        Assert.That(f.Submit("BTC-USD", Side.Buy, 2.5m).Reason, Is.EqualTo(RejectReason.MaxOrderQuantity));
        Assert.That(f.Submit("ETH-USD", Side.Buy, 60m).Reason, Is.EqualTo(RejectReason.MaxOrderNotional));
        Assert.That(f.Submit("BTC-USD", Side.Buy, 2m).Reason, Is.EqualTo(RejectReason.None));
        f.Quote("BTC-USD", 60_000m, 60_010m);
        Assert.That(f.Submit("BTC-USD", Side.Buy, 2m).Reason, Is.EqualTo(RejectReason.MaxPosition), "4 BTC ≈ 240k > 200k");
        Assert.That(f.Submit("ETH-USD", Side.Buy, 1m).Reason, Is.EqualTo(RejectReason.MaxOpenPositions));
        Assert.That(f.Submit("BTC-USD", Side.Buy, 0.1m).Reason, Is.EqualTo(RejectReason.None));
        Assert.That(f.Submit("BTC-USD", Side.Buy, 0.1m).Reason, Is.EqualTo(RejectReason.None));
        Assert.That(f.Submit("BTC-USD", Side.Buy, 0.1m).Reason, Is.EqualTo(RejectReason.None), "the first order is a second old now");
        Assert.That(f.Submit("BTC-USD", Side.Buy, 0.1m).Reason, Is.EqualTo(RejectReason.OrderRate), "a 4th order inside one second");
        f.Now += 1000;
        Assert.That(f.Submit("BTC-USD", Side.Buy, 0.1m).Reason, Is.EqualTo(RejectReason.None), "the window moved on");
        var rejected = f.Records.Where(r => r.Type == RecordType.OrderRejected).Select(r => (RejectReason)r.Reason).ToArray();
        Assert.That(rejected, Is.EqualTo(new[] { RejectReason.PriceBand, RejectReason.MaxOrderQuantity, RejectReason.MaxOrderNotional, RejectReason.MaxPosition, RejectReason.MaxOpenPositions, RejectReason.OrderRate }));
        Assert.That(f.Core.OrdersRejected, Is.EqualTo(6));
    }

    [Test]
    public void An_instrument_outside_the_tradable_symbols_is_refused_and_the_rest_trade()
    {
        var f = Running(new RiskLimits { TradableSymbols = ["BTCUSDT"] }); // an alias: the same instrument as BTC-USD
        Assert.That(f.Submit("ETH-USD", Side.Buy, 1m).Reason, Is.EqualTo(RejectReason.InstrumentNotTradable));
        Assert.That(f.Submit("BTC-USD", Side.Buy, 0.1m).Reason, Is.EqualTo(RejectReason.None));
        Assert.That(f.Records.Where(r => r.Type == RecordType.OrderRejected).Select(r => (RejectReason)r.Reason), Is.EqualTo(new[] { RejectReason.InstrumentNotTradable }), "the refusal is recorded");
        Assert.That(() => new TradingFixture(new RiskLimits { TradableSymbols = ["DOGE"] }), Throws.ArgumentException.With.Message.Contains("risk.tradableSymbols: unknown symbol 'DOGE'"));
    }

    [Test]
    public void Gross_exposure_sums_every_position_and_reducing_stays_allowed()
    {
        var f = Running(new RiskLimits { MaxGrossExposure = 100_000m });
        Assert.That(f.Submit("BTC-USD", Side.Buy, 1m).Reason, Is.EqualTo(RejectReason.None), "≈ 60k");
        f.Quote("BTC-USD", 60_000m, 60_010m);
        Assert.That(f.Submit("ETH-USD", Side.Buy, 15m).Reason, Is.EqualTo(RejectReason.MaxGrossExposure), "60k + 45k > 100k");
        Assert.That(f.Submit("ETH-USD", Side.Sell, 10m).Reason, Is.EqualTo(RejectReason.None), "60k + 30k: a short counts by its size");
        f.Quote("ETH-USD", 3_000m, 3_001m);
        Assert.That(f.Submit("BTC-USD", Side.Buy, 0.2m).Reason, Is.EqualTo(RejectReason.MaxGrossExposure), "90k + 12k > 100k");
        Assert.That(f.Submit("BTC-USD", Side.Sell, 0.5m).Reason, Is.EqualTo(RejectReason.None), "reducing is always allowed");
    }

    // Mid 60,005; aggressive band 5 %, passive band 80 % (the default).
    [TestCase(Side.Buy, OrderType.Limit, 54_000, RejectReason.None, TestName = "a buy resting 10 % below the market is ordinary")]
    [TestCase(Side.Buy, OrderType.Limit, 48_000, RejectReason.None, TestName = "a buy resting 20 % below the market is ordinary")]
    [TestCase(Side.Buy, OrderType.Limit, 72_000, RejectReason.PriceBand, TestName = "a buy 20 % above the market is a fat finger")]
    [TestCase(Side.Buy, OrderType.Limit, 62_500, RejectReason.None, TestName = "a buy 4 % above the market is inside the band")]
    [TestCase(Side.Buy, OrderType.Limit, 11_000, RejectReason.PriceBand, TestName = "a buy 82 % below the market is beyond the passive band")]
    [TestCase(Side.Sell, OrderType.Limit, 72_000, RejectReason.None, TestName = "a sell resting 20 % above the market is ordinary")]
    [TestCase(Side.Sell, OrderType.Limit, 48_000, RejectReason.PriceBand, TestName = "a sell 20 % below the market is a fat finger")]
    [TestCase(Side.Buy, OrderType.Stop, 66_000, RejectReason.PriceBand, TestName = "a buy stop 10 % above the market is aggressive")]
    [TestCase(Side.Sell, OrderType.Stop, 54_000, RejectReason.PriceBand, TestName = "a sell stop 10 % below the market is aggressive")]
    [TestCase(Side.Sell, OrderType.Stop, 58_000, RejectReason.None, TestName = "a sell stop 3 % below the market is inside the band")]
    public void The_price_band_guards_the_aggressive_side_and_a_wider_band_the_passive_side(Side side, OrderType type, int price, RejectReason expected)
    {
        var f = Running(new RiskLimits { MaxOrderNotional = 1_000_000m, MaxPositionNotional = 1_000_000m });
        var result = type == OrderType.Limit ? f.Submit("BTC-USD", side, 0.1m, type, limit: price) : f.Submit("BTC-USD", side, 0.1m, type, stop: price);
        Assert.That(result.Reason, Is.EqualTo(expected));
    }

    [Test]
    public void Both_bands_are_configurable()
    {
        var f = Running(new RiskLimits { PriceBandPercent = 1, PassivePriceBandPercent = 10 });
        Assert.That(f.Submit("BTC-USD", Side.Buy, 0.1m, OrderType.Limit, limit: 61_000m).Reason, Is.EqualTo(RejectReason.PriceBand), "1.7 % above");
        Assert.That(f.Submit("BTC-USD", Side.Buy, 0.1m, OrderType.Limit, limit: 55_000m).Reason, Is.EqualTo(RejectReason.None), "8.3 % below, inside 10 %");
        Assert.That(f.Submit("BTC-USD", Side.Buy, 0.1m, OrderType.Limit, limit: 53_000m).Reason, Is.EqualTo(RejectReason.PriceBand), "11.7 % below, beyond 10 %");
    }

    [TestCase(0, RejectReason.InvalidQuantity)]
    [TestCase(-1, RejectReason.InvalidQuantity)]
    public void Bad_quantities_are_refused(long lots, RejectReason reason)
    {
        var f = Running();
        var result = f.Execute(new Command { Type = CommandType.SubmitOrder, InstrumentId = TradingFixture.Id("BTC-USD"), Side = Side.Buy, QuantityLots = lots });
        Assert.That(result.Reason, Is.EqualTo(reason));
        Assert.That(f.Core.Orders.WorkingCount, Is.Zero);
    }

    [Test]
    public void Bad_prices_unknown_instruments_and_missing_quotes_are_refused()
    {
        var f = Running();
        var btc = TradingFixture.Id("BTC-USD");
        Assert.That(f.Execute(new Command { Type = CommandType.SubmitOrder, InstrumentId = btc, QuantityLots = 1, OrderType = OrderType.Limit }).Reason, Is.EqualTo(RejectReason.InvalidPrice), "limit without a price");
        Assert.That(f.Execute(new Command { Type = CommandType.SubmitOrder, InstrumentId = btc, QuantityLots = 1, LimitTicks = 5 }).Reason, Is.EqualTo(RejectReason.InvalidPrice), "market with a limit");
        Assert.That(f.Execute(new Command { Type = CommandType.SubmitOrder, InstrumentId = 999, QuantityLots = 1 }).Reason, Is.EqualTo(RejectReason.InstrumentNotTradable));
        Assert.That(f.Submit("XAUUSD", Side.Buy, 1m).Reason, Is.EqualTo(RejectReason.NoMarketData));
        Assert.That(f.Submit("BTC-USD", Side.Buy, 1m, stopLoss: 61_000m).Reason, Is.EqualTo(RejectReason.InvalidPrice), "a long's stop-loss above the market");
        Assert.That(f.Core.Orders.WorkingCount, Is.Zero);
    }

    [TestCase(CommandType.Pause, RejectReason.TradingPaused)]
    [TestCase(CommandType.Stop, RejectReason.TradingStopped)]
    public void New_risk_is_refused_while_not_running_but_closing_is_allowed(CommandType command, RejectReason reason)
    {
        var f = Running();
        f.Submit("BTC-USD", Side.Buy, 1m);
        f.Quote("BTC-USD", 60_000m, 60_010m);
        Assert.That(f.Run(command).Accepted, Is.True);
        Assert.That(f.Submit("BTC-USD", Side.Buy, 1m).Reason, Is.EqualTo(reason));
        Assert.That(f.Execute(new Command { Type = CommandType.ClosePosition, InstrumentId = TradingFixture.Id("BTC-USD") }).Reason, Is.EqualTo(RejectReason.None));
        f.Quote("BTC-USD", 60_000m, 60_010m);
        Assert.That(f.PositionQuantity("BTC-USD"), Is.Zero);
        Assert.That(f.Execute(new Command { Type = CommandType.ClosePosition, InstrumentId = TradingFixture.Id("BTC-USD") }).Reason, Is.EqualTo(RejectReason.NoPosition));
    }

    [Test]
    public void State_transitions_follow_the_rules()
    {
        var f = new TradingFixture();
        Assert.That(f.Core.Status, Is.EqualTo(TradingStatus.Stopped));
        Assert.That(f.Run(CommandType.Pause).Reason, Is.EqualTo(RejectReason.InvalidState), "cannot pause what is not running");
        Assert.That(f.Run(CommandType.Resume).Reason, Is.EqualTo(RejectReason.InvalidState), "a stopped engine starts, it does not resume");
        f.Run(CommandType.Start);
        f.Run(CommandType.Pause);
        Assert.That(f.Core.Status, Is.EqualTo(TradingStatus.Paused));
        f.Run(CommandType.Resume);
        Assert.That(f.Core.Status, Is.EqualTo(TradingStatus.Running));
    }

    [Test]
    public void Pausing_keeps_working_orders_and_stopping_cancels_them()
    {
        var f = Running();
        var id = f.Submit("BTC-USD", Side.Buy, 1m, OrderType.Limit, limit: 59_000m).OrderId;
        f.Run(CommandType.Pause);
        Assert.That(f.Order(id).Status, Is.EqualTo(OrderStatus.Accepted));
        f.Run(CommandType.Stop);
        Assert.That(f.Order(id).Status, Is.EqualTo(OrderStatus.Cancelled));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Emergency_stop_halts_cancels_everything_and_flattens_when_asked(bool flatten)
    {
        var f = Running();
        f.Submit("BTC-USD", Side.Buy, 1m, stopLoss: 59_000m, takeProfit: 61_000m);
        f.Quote("BTC-USD", 60_000m, 60_010m);
        f.Submit("ETH-USD", Side.Buy, 1m, OrderType.Limit, limit: 2_900m);
        Assert.That(f.Core.Orders.WorkingCount, Is.EqualTo(3), "two bracket children and a limit");
        f.Run(CommandType.EmergencyStop, flatten);
        Assert.That((f.Core.Status, f.Core.KillSwitch), Is.EqualTo((TradingStatus.Halted, true)));
        Assert.That(f.Core.Orders.Working.Count(o => !o.ReduceOnly || o.ParentId != 0), Is.EqualTo(flatten ? 0 : 0));
        Assert.That(f.Submit("ETH-USD", Side.Buy, 1m).Reason, Is.EqualTo(RejectReason.KillSwitch));
        f.Quote("BTC-USD", 60_000m, 60_010m);
        Assert.That(f.PositionQuantity("BTC-USD"), Is.EqualTo(flatten ? 0m : 1m));
        Assert.That(f.Run(CommandType.Start).Reason, Is.EqualTo(RejectReason.TradingHalted), "start never lifts a halt");
        Assert.That(f.Run(CommandType.Resume).Reason, Is.EqualTo(RejectReason.TradingHalted), "nor does resume");
        Assert.That((f.Core.Status, f.Core.KillSwitch), Is.EqualTo((TradingStatus.Halted, true)));
        Assert.That(f.Run(CommandType.ClearHalt).Accepted, Is.True);
        Assert.That((f.Core.Status, f.Core.KillSwitch, f.Core.StatusReason), Is.EqualTo((TradingStatus.Stopped, false, StatusReason.HaltCleared)), "the operator's clear leaves it stopped");
        f.Run(CommandType.Start);
        Assert.That((f.Core.Status, f.Core.KillSwitch), Is.EqualTo((TradingStatus.Running, false)));
    }

    [Test]
    public void A_loss_limit_halt_is_lifted_only_by_clear_halt_and_the_journal_keeps_it()
    {
        var f = Running(new RiskLimits { MaxDailyLossPercent = 90, MaxDrawdownPercent = 3, MaxPositionNotional = 1_000_000m, MaxOrderNotional = 1_000_000m, MaxOrderQuantity = new Dictionary<string, decimal>() });
        f.Submit("BTC-USD", Side.Buy, 1m);
        f.Quote("BTC-USD", 60_000m, 60_010m);
        f.Quote("BTC-USD", 56_900m, 56_910m);
        Assert.That(f.Core.Status, Is.EqualTo(TradingStatus.Halted));
        Assert.That(f.Run(CommandType.Start).Reason, Is.EqualTo(RejectReason.TradingHalted));
        var replayed = new TradingFixture();
        foreach (var record in f.Records)
        {
            replayed.Core.Apply(record);
        }

        Assert.That((replayed.Core.Status, replayed.Core.StatusReason), Is.EqualTo((TradingStatus.Halted, StatusReason.DrawdownLimit)), "a replay restores the halt");
        Assert.That(replayed.Run(CommandType.Start).Reason, Is.EqualTo(RejectReason.TradingHalted));
        Assert.That(f.Run(CommandType.ClearHalt).Accepted, Is.True);
        Assert.That(f.Run(CommandType.ClearHalt).Accepted, Is.True, "clearing what is not halted changes nothing");
        Assert.That(f.Records.Count(r => r.Type == RecordType.StatusChanged && (StatusReason)r.Reason == StatusReason.HaltCleared), Is.EqualTo(1));
    }

    [Test]
    public void A_daily_loss_beyond_the_limit_halts_trading_by_itself()
    {
        var f = Running(new RiskLimits { MaxDailyLossPercent = 2, MaxDrawdownPercent = 50, MaxPositionNotional = 1_000_000m, MaxOrderNotional = 1_000_000m, MaxOrderQuantity = new Dictionary<string, decimal>() });
        f.Submit("BTC-USD", Side.Buy, 1m);
        f.Submit("ETH-USD", Side.Buy, 1m, OrderType.Limit, limit: 2_900m);
        f.Quote("BTC-USD", 60_000m, 60_010m);
        f.Quote("BTC-USD", 58_500m, 58_510m);
        Assert.That(f.Core.Status, Is.EqualTo(TradingStatus.Running), "−1,510 is within 2 % of 100,000");
        f.Quote("BTC-USD", 57_900m, 57_910m);
        Assert.That(f.Core.Status, Is.EqualTo(TradingStatus.Halted));
        Assert.That(f.Core.StatusReason, Is.EqualTo(StatusReason.DailyLossLimit));
        Assert.That(f.Core.Orders.Working.Where(o => !o.ReduceOnly), Is.Empty, "working entries cancelled");
        Assert.That(f.Submit("ETH-USD", Side.Buy, 1m).Reason, Is.EqualTo(RejectReason.TradingHalted));
        Assert.That(f.Execute(new Command { Type = CommandType.ClosePosition, InstrumentId = TradingFixture.Id("BTC-USD") }).Accepted, Is.True, "closing stays allowed");
    }

    [Test]
    public void A_drawdown_beyond_the_limit_halts_trading_by_itself()
    {
        var f = Running(new RiskLimits { MaxDailyLossPercent = 90, MaxDrawdownPercent = 3, MaxPositionNotional = 1_000_000m, MaxOrderNotional = 1_000_000m, MaxOrderQuantity = new Dictionary<string, decimal>() });
        f.Submit("BTC-USD", Side.Buy, 1m);
        f.Quote("BTC-USD", 60_000m, 60_010m);
        f.Quote("BTC-USD", 56_900m, 56_910m);
        Assert.That((f.Core.Status, f.Core.StatusReason), Is.EqualTo((TradingStatus.Halted, StatusReason.DrawdownLimit)));
    }

    [Test]
    public void Sizing_methods_follow_their_formulas_and_the_cap()
    {
        var fixedFractional = new SizingConfig { Method = SizingMethod.FixedFractional, RiskPercent = 1 };
        Assert.That(PositionSizer.Quantity(fixedFractional, 100_000, 100, 2, 0, 1, 100), Is.EqualTo(500).Within(1e-9), "1 % of 100k over a 2-unit stop");
        var atr = new SizingConfig { Method = SizingMethod.Atr, RiskPercent = 2, AtrMultiplier = 2 };
        Assert.That(PositionSizer.Quantity(atr, 100_000, 100, 0, 5, 1, 100), Is.EqualTo(200).Within(1e-9), "2 % of 100k over 2 × ATR 5");
        var kelly = new SizingConfig { Method = SizingMethod.Kelly, WinRate = 0.55, Payoff = 2, KellyFraction = 0.5, KellyCap = 0.25 };
        Assert.That(PositionSizer.KellyFraction(kelly), Is.EqualTo(((0.55 * 2) - 0.45) / 2 * 0.5).Within(1e-12));
        Assert.That(PositionSizer.KellyFraction(kelly with { KellyCap = 0.05 }), Is.EqualTo(0.05), "capped");
        Assert.That(PositionSizer.KellyFraction(kelly with { WinRate = 0.2 }), Is.Zero, "a losing edge sizes to nothing, never short");
        Assert.That(PositionSizer.Quantity(fixedFractional, 100_000, 100, 0.01, 0, 1, 10), Is.EqualTo(100).Within(1e-9), "capped at 10 % of equity");
        Assert.That(PositionSizer.Quantity(fixedFractional, double.NaN, 100, 2, 0, 1, 10), Is.Zero);
    }

    [Test]
    public void Stale_prices_refuse_new_risk_until_a_quote_arrives_and_never_keep_a_position_from_closing()
    {
        var f = Running(new RiskLimits { StaleAfterMs = 10_000 });
        var btc = TradingFixture.Id("BTC-USD");
        var staleAfter = 10 * System.Diagnostics.Stopwatch.Frequency;
        Assert.That(f.Submit("BTC-USD", Side.Buy, 0.1m).Reason, Is.EqualTo(RejectReason.None), "not watched (backtests): never stale");

        f.Core.Risk.WatchStaleness();
        Assert.That(f.Submit("BTC-USD", Side.Buy, 0.1m).Reason, Is.EqualTo(RejectReason.StaleMarketData), "no quote has arrived since watching began");
        f.Core.Risk.MarkArrival(btc, System.Diagnostics.Stopwatch.GetTimestamp());
        Assert.That(f.Core.Risk.IsStale(btc, System.Diagnostics.Stopwatch.GetTimestamp()), Is.False);
        Assert.That(f.Submit("BTC-USD", Side.Buy, 0.1m).Reason, Is.EqualTo(RejectReason.None), "a fresh quote");

        f.Core.Risk.MarkArrival(btc, System.Diagnostics.Stopwatch.GetTimestamp() - staleAfter - 1);
        Assert.That(f.Core.Risk.IsStale(btc, System.Diagnostics.Stopwatch.GetTimestamp()), Is.True);
        Assert.That(f.Submit("BTC-USD", Side.Buy, 0.1m).Reason, Is.EqualTo(RejectReason.StaleMarketData));
        f.Quote("BTC-USD", 60_000m, 60_010m);
        Assert.That(f.Submit("BTC-USD", Side.Sell, 0.1m).Reason, Is.EqualTo(RejectReason.None), "reducing the position is always allowed");

        f.Core.Risk.MarkArrival(btc, System.Diagnostics.Stopwatch.GetTimestamp());
        Assert.That(f.Submit("BTC-USD", Side.Buy, 0.1m).Reason, Is.EqualTo(RejectReason.None), "prices returned: it recovers by itself");
        Assert.That(f.Records.Count(r => r.Type == RecordType.OrderRejected && (RejectReason)r.Reason == RejectReason.StaleMarketData), Is.EqualTo(2));
    }

    [Test]
    public void A_per_symbol_stale_limit_of_an_unknown_symbol_is_refused() =>
        Assert.That(() => new TradingFixture(new RiskLimits { StaleAfterMsBySymbol = new Dictionary<string, double> { ["DOGE"] = 1 } }),
            Throws.ArgumentException.With.Message.Contain("DOGE"));
}
