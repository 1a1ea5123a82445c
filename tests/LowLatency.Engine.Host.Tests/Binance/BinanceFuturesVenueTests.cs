using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>
/// Orders on a Binance USDⓈ-M futures account through the emulator: leverage and margin type set from the config
/// at the connection, orders placed and filled in parts, a bracket's exit resized by Binance's modify under the same
/// client id, a cancel crossed by an unseen fill, orders the filters or the Algo Order API's stops refuse before Binance, an answer
/// lost after or before Binance acted, and the account's position compared with the journal at every connection.
/// </summary>
[TestFixture]
[NonParallelizable] // the keys are environment variables
public sealed class BinanceFuturesVenueTests : BinanceVenueFixture
{
    [Test]
    public void Leverage_and_margin_type_are_set_and_an_order_filled_in_parts_moves_the_position_both_sides_agree_on()
    {
        using var engine = StartEngine(Config(futures: true));
        var limit = engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
        var placed = OnBook(engine, engine.Id(1), Futures);
        Assert.Multiple(() =>
        {
            Assert.That(Futures.Settings, Is.EqualTo(new[] { ("BTCUSDT", "leverage 5"), ("BTCUSDT", "margin ISOLATED") }), "set before trading");
            Assert.That((placed.Symbol, placed.Side, placed.Type, placed.TimeInForce, placed.Quantity, placed.Price), Is.EqualTo(("BTCUSDT", "BUY", "LIMIT", "GTC", 0.1m, limit * 0.01m)));
            Assert.That(Rest.Requests.Keys, Has.None.StartsWith("/api/v3/order"), "futures' endpoints only");
        });

        Futures.Fill(engine.Id(1), 0.04m, limit * 0.01m);
        Futures.Fill(engine.Id(1), 0.06m, (limit - 50) * 0.01m);
        engine.WaitFor(() => engine.Core.Orders.Find(1)!.Status == OrderStatus.Filled, "filled");
        var position = engine.Core.Account.Position(engine.Core.Orders.Find(1)!.InstrumentId);
        Assert.Multiple(() =>
        {
            Assert.That((position.QuantityLots, position.Fills), Is.EqualTo((1000L, 2L)));
            Assert.That(position.AveragePriceTicks, Is.EqualTo(((400m * limit) + (600m * (limit - 50))) / 1000m), "each trade at its own price");
            Assert.That(Futures.Position("BTCUSDT"), Is.EqualTo(0.1m));
        });

        var venue = engine.Host.BinanceVenues.Single();
        Streams.Drop(); // the next connection states the position: the same as the journal's
        engine.WaitFor(() => venue.Connections >= 2 && venue.Reconciled, "reconnected and reconciled");
        engine.WaitFor(() => venue.Stats().LastEvent.Contains("positions: BTCUSDT 0.1", StringComparison.Ordinal), "the position read");
        Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running), "the journal holds the position Binance states");
    }

    [Test]
    public void Quantities_go_without_trailing_zeros_which_futures_count_against_the_symbols_precision()
    {
        Futures.StepSize = 0.001m; // BTCUSDT's: three decimals, where the instrument's lot has four
        using var engine = StartEngine(Config(futures: true));
        engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
        var placed = OnBook(engine, engine.Id(1), Futures);
        engine.WaitFor(() => engine.Core.Orders.Find(1)!.Status == OrderStatus.Accepted, "accepted, not -1111");
        Assert.That(placed.Quantity, Is.EqualTo(0.1m));
    }

    /// <summary>The bracket's exit order (no stop-loss: futures take none) in the engine and on the order book.</summary>
    private const long ExitId = 2;

    [Test]
    public void A_bracket_exit_grows_with_its_parent_by_a_modify_under_the_same_client_id()
    {
        using var engine = StartEngine(Config(futures: true));
        var (limit, exit) = ExitAtFirstFill(engine);
        Futures.Fill(engine.Id(ExitId), 0.01m, (limit + 100_000) * 0.01m); // part of the exit trades before it grows
        Futures.Fill(engine.Id(1), 0.06m, limit * 0.01m);
        engine.WaitFor(() => engine.Core.Orders.Find(ExitId)!.QuantityLots == 1000 && exit.Quantity == 0.1m, "the modify answered");
        Assert.Multiple(() =>
        {
            Assert.That(Futures.Requests.Where(r => r.Method == "PUT").Select(r => r.ClientOrderId), Is.EqualTo(new[] { engine.Id(ExitId) }), "modified in place, once");
            Assert.That(Futures.Orders.Count(o => o.ClientOrderId.StartsWith(engine.Id(ExitId), StringComparison.Ordinal)), Is.EqualTo(1), "no new version");
            Assert.That(engine.Core.Orders.Find(ExitId)!.FilledLots, Is.EqualTo(100), "its fill before the modify kept");
            Assert.That((exit.ReduceOnly, Futures.Find(engine.Id(1))!.ReduceOnly), Is.EqualTo((true, false)), "the exit may only shrink the position");
        });

        Futures.Fill(engine.Id(ExitId), 0.09m, (limit + 100_000) * 0.01m);
        engine.WaitFor(() => engine.Core.Orders.WorkingCount == 0, "the bracket done");
        Assert.Multiple(() =>
        {
            Assert.That(engine.Lots("BTC-USD"), Is.Zero);
            Assert.That(Futures.Position("BTCUSDT"), Is.Zero);
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
        });
    }

    [Test]
    public void A_modify_whose_answer_is_lost_after_Binance_acted_is_settled_by_a_query()
    {
        using var engine = StartEngine(Config(futures: true));
        var (limit, exit) = ExitAtFirstFill(engine);
        Rest.FailNext(503, acted: true);
        Futures.Fill(engine.Id(1), 0.06m, limit * 0.01m);
        engine.WaitFor(() => exit.Quantity == 0.1m, "Binance modified it");
        engine.WaitFor(() => engine.Core.Orders.Find(ExitId)!.QuantityLots == 1000 && engine.Core.Orders.Find(ExitId)!.PendingQuantityLots == 0, "the modify settled by the query");
        Assert.Multiple(() =>
        {
            Assert.That(Futures.Requests.Count(r => r.Method == "PUT"), Is.EqualTo(1), "never sent blindly again");
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
        });
    }

    [Test]
    public void A_cancel_crossed_by_an_unseen_fill_books_it_from_the_user_trades()
    {
        using var engine = StartEngine(Config(futures: true));
        var limit = engine.SubmitLimitAtTheTouch(correlation: 1, Side.Sell);
        OnBook(engine, engine.Id(1), Futures);
        engine.WaitFor(() => engine.Core.Orders.Find(1)!.Status == OrderStatus.Accepted, "working");
        Futures.LoseEvents(2); // the trade's ORDER_TRADE_UPDATE and ACCOUNT_UPDATE
        Futures.Fill(engine.Id(1), 0.03m, (limit + 7) * 0.01m);
        engine.Cancel(1);
        engine.WaitFor(() => engine.Core.Orders.Find(1)!.Status == OrderStatus.Cancelled, "the cancel confirmed");
        Assert.Multiple(() =>
        {
            Assert.That(engine.Lots("BTC-USD"), Is.EqualTo(-300), "a short: futures sell what they do not hold");
            Assert.That(engine.Core.Account.Position(engine.Core.Orders.Find(1)!.InstrumentId).AveragePriceTicks, Is.EqualTo(limit + 7));
            Assert.That(Rest.Requests.GetValueOrDefault("/fapi/v1/userTrades"), Is.GreaterThanOrEqualTo(1), "read from the trade list");
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
        });
    }

    [Test]
    public void A_stop_order_is_refused_before_Binance_which_takes_stops_only_by_its_Algo_Order_API()
    {
        using var engine = StartEngine(Config(futures: true));
        engine.SubmitLimitAtTheTouch(correlation: 1, Side.Sell, type: OrderType.Stop);
        var venue = engine.Host.BinanceVenues.Single();
        engine.WaitFor(() => venue.OrdersScreened == 1, "refused by risk");
        Assert.Multiple(() =>
        {
            Assert.That(Futures.Requests, Is.Empty, "nothing sent");
            Assert.That(venue.Stats().LastEvent, Does.Contain("Algo Order API"));
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
        });
    }

    [TestCase(0.3, 5, "LOT_SIZE")]
    [TestCase(0.001, 100_000, "NOTIONAL")]
    public void An_order_the_futures_filters_refuse_is_refused_by_risk_and_never_sent(decimal step, decimal minNotional, string rule)
    {
        (Futures.StepSize, Futures.MinNotional) = (step, minNotional); // futures' exchangeInfo writes MIN_NOTIONAL as "notional"
        using var engine = StartEngine(Config(futures: true));
        engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
        var venue = engine.Host.BinanceVenues.Single();
        engine.WaitFor(() => venue.OrdersScreened == 1, "refused before Binance");
        Assert.Multiple(() =>
        {
            Assert.That(Futures.Requests, Is.Empty, "nothing sent");
            Assert.That(venue.Stats().LastEvent, Does.Contain(rule));
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
        });
    }

    [TestCase(true, OrderStatus.Filled)]
    [TestCase(false, OrderStatus.Cancelled)]
    public void A_new_order_whose_answer_is_lost_is_settled_by_a_query_never_sent_twice(bool acted, OrderStatus ends)
    {
        using var engine = StartEngine(Config(futures: true));
        Rest.FailNext(503, acted: acted);
        engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy, type: OrderType.Market);
        engine.WaitFor(() => engine.Core.Orders.Find(1)?.Status == ends, acted ? "filled, as Binance says" : "never placed: cancelled once its window passed");
        Assert.Multiple(() =>
        {
            Assert.That(Futures.Requests.Count(r => r.Method == "POST"), Is.EqualTo(acted ? 1 : 0));
            Assert.That(engine.Lots("BTC-USD"), Is.EqualTo(acted ? 1000 : 0));
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
        });
    }

    [Test]
    public void A_position_the_journal_does_not_hold_halts_trading_at_the_connection_naming_both()
    {
        Futures.SetPosition("BTCUSDT", 0.25m, 48_000m); // traded by hand, or by an engine whose journal is lost
        var engine = RunningEngine.Start(Config(futures: true), Data);
        using (engine)
        {
            engine.WaitFor(() => engine.Core.Status == TradingStatus.Halted, "halted by the reconciliation");
            Assert.Multiple(() =>
            {
                Assert.That(engine.Core.StatusReason, Is.EqualTo(StatusReason.Reconciliation));
                Assert.That(engine.Core.ReconciliationProblem, Does.Contain("position of 2500 lots in BTC-USD").And.Contain("make 0"));
            });
        }
    }

    [Test]
    public void After_a_restart_the_position_built_before_it_agrees_and_trading_goes_on()
    {
        using (var engine = StartEngine(Config(futures: true)))
        {
            engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy, type: OrderType.Market);
            engine.WaitFor(() => engine.Core.Orders.Find(1)?.Status == OrderStatus.Filled, "filled");
        }

        using var restarted = StartEngine(Config(futures: true));
        var venue = restarted.Host.BinanceVenues.Single();
        restarted.WaitFor(() => venue.Stats().LastEvent.StartsWith("positions:", StringComparison.Ordinal), "the position read");
        restarted.SubmitLimitAtTheTouch(correlation: 2, Side.Sell, type: OrderType.Market);
        restarted.WaitFor(() => restarted.Core.Orders.Find(2)?.Status == OrderStatus.Filled, "the next order filled");
        Assert.Multiple(() =>
        {
            Assert.That(restarted.Lots("BTC-USD"), Is.Zero);
            Assert.That(Futures.Position("BTCUSDT"), Is.Zero);
            Assert.That(restarted.Core.Status, Is.EqualTo(TradingStatus.Running));
        });
    }

    /// <summary>A buy with a take-profit 100,000 ticks above, 0.04 of its 0.1 filled: the exit works at 0.04, acknowledged.</summary>
    private (long Limit, BinanceEmulator.EmulatedOrder Exit) ExitAtFirstFill(RunningEngine engine)
    {
        var limit = engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy, bracket: 100_000, bracketStop: false);
        OnBook(engine, engine.Id(1), Futures);
        Futures.Fill(engine.Id(1), 0.04m, limit * 0.01m);
        engine.WaitFor(() => engine.Core.Orders.Find(ExitId) is not null, "the exit at the parent's first fill");
        var exit = OnBook(engine, engine.Id(ExitId), Futures);
        engine.WaitFor(() => engine.Core.Orders.Find(ExitId)!.Status == OrderStatus.Accepted, "the exit working");
        Assert.That(exit.Quantity, Is.EqualTo(0.04m), "the exit at the parent's first fill");
        return (limit, exit);
    }
}
