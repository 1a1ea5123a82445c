using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>
/// Orders on a Binance spot account through the emulator: placed under the incarnation-safe client ids, filled in
/// parts at each trade's own price, cancelled (a fill crossing the cancel booked), refused by a filter, and the
/// hard cases of a live exchange: trade events lost (booked from the trade list, each at its price), an answer
/// lost after or before Binance acted (settled by a query, never sent twice), a dropped stream reconciled.
/// </summary>
[TestFixture]
[NonParallelizable] // the keys are environment variables
public sealed class BinanceVenueTests : BinanceVenueFixture
{
    [Test]
    public void An_order_is_placed_under_its_client_id_and_filled_in_parts_at_each_trade_price()
    {
        using var engine = StartEngine();
        var limit = engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
        var placed = OnBook(engine, engine.Id(1));
        engine.WaitFor(() => engine.Core.Orders.Find(1)!.Status == OrderStatus.Accepted, "Binance's acknowledgement applied");
        Assert.Multiple(() =>
        {
            Assert.That((placed.Symbol, placed.Side, placed.Type, placed.TimeInForce, placed.Quantity), Is.EqualTo(("BTCUSDT", "BUY", "LIMIT", "GTC", 0.1m)));
            Assert.That(placed.Price, Is.EqualTo(limit * 0.01m), "the limit at the instrument's tick");
        });

        var (first, second) = (limit * 0.01m, (limit - 100) * 0.01m);
        Assert.That(Book.Fill(engine.Id(1), 0.04m, first), Is.True);
        engine.WaitFor(() => engine.Lots("BTC-USD") == 400, "the first trade booked");
        Assert.That(Book.Fill(engine.Id(1), 0.06m, second), Is.True);
        engine.WaitFor(() => engine.Core.Orders.Find(1)!.Status == OrderStatus.Filled, "the order filled");
        var position = engine.Core.Account.Position(engine.Core.Orders.Find(1)!.InstrumentId);
        Assert.Multiple(() =>
        {
            Assert.That(position.QuantityLots, Is.EqualTo(1000));
            Assert.That(position.Fills, Is.EqualTo(2), "one fill per trade");
            Assert.That(position.AveragePriceTicks, Is.EqualTo(((400m * limit) + (600m * (limit - 100))) / 1000m), "each at its own price");
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
            Assert.That(Book.Requests.Count(r => r.ClientOrderId == engine.Id(1)), Is.EqualTo(1), "placed once");
        });
    }

    [Test]
    public void A_market_order_whose_events_beat_its_REST_answer_is_booked_once_and_the_next_order_follows()
    {
        using var engine = StartEngine();
        engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy, type: OrderType.Market); // the emulator fills it and sends its events before answering
        engine.WaitFor(() => engine.Core.Orders.Find(1)?.Status == OrderStatus.Filled, "filled");
        engine.SubmitLimitAtTheTouch(correlation: 2, Side.Sell, type: OrderType.Market);
        engine.WaitFor(() => engine.Core.Orders.Find(2)?.Status == OrderStatus.Filled, "the next one filled too");
        engine.WaitFor(() => engine.Host.BinanceVenues.Single().OrdersAnswered == 2, "both answers dealt with");
        var position = engine.Core.Account.Position(engine.Core.Orders.Find(1)!.InstrumentId);
        Assert.Multiple(() =>
        {
            Assert.That((position.QuantityLots, position.Fills), Is.EqualTo((0L, 2L)), "each booked once");
            Assert.That(engine.Host.BinanceVenues.Single().SenderFaults, Is.Zero, "an answer for an order already finished is no fault");
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
        });
    }

    [Test]
    public void Orders_work_the_same_with_order_events_from_the_WebSocket_APIs_subscription()
    {
        Streams.WebSocketApiKey = (Key, Secret);
        var config = Config();
        var account = config.Venues.Binance["binance"] with { UserDataStream = "webSocketApi", WsApiUrl = new Uri(Streams.Root, "ws-api/v3").ToString() };
        using var engine = StartEngine(config with { Venues = config.Venues with { Binance = new Dictionary<string, Configuration.BinanceVenueConfig> { ["binance"] = account } } });
        var limit = engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
        OnBook(engine, engine.Id(1));
        Book.Fill(engine.Id(1), 0.1m, limit * 0.01m);
        engine.WaitFor(() => engine.Core.Orders.Find(1)!.Status == OrderStatus.Filled, "filled from the subscription's events");
        Assert.Multiple(() =>
        {
            Assert.That(Streams.ConnectedStreams, Is.EqualTo(new[] { "ws-api/v3" }), "no listen key stream");
            Assert.That(Rest.ListenKeys, Is.Empty);
            Assert.That(engine.Lots("BTC-USD"), Is.EqualTo(1000));
        });
    }

    [Test]
    public void A_cancel_is_answered_and_a_fill_that_crossed_it_unseen_is_booked_from_the_trade_list()
    {
        using var engine = StartEngine();
        var limit = engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
        OnBook(engine, engine.Id(1));
        engine.WaitFor(() => engine.Core.Orders.Find(1)!.Status == OrderStatus.Accepted, "working");

        Book.LoseEvents(1);
        Assert.That(Book.Fill(engine.Id(1), 0.03m, (limit - 5) * 0.01m), Is.True, "a trade whose event is lost");
        engine.Cancel(1);
        engine.WaitFor(() => engine.Core.Orders.Find(1)!.Status == OrderStatus.Cancelled, "the cancel confirmed");
        Assert.Multiple(() =>
        {
            Assert.That(Book.Find(engine.Id(1))!.Status, Is.EqualTo("CANCELED"));
            Assert.That(engine.Core.Orders.Find(1)!.FilledLots, Is.EqualTo(300), "the trade before the cancel booked");
            Assert.That(engine.Core.Account.Position(engine.Core.Orders.Find(1)!.InstrumentId).AveragePriceTicks, Is.EqualTo(limit - 5), "at its own price");
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running), "a fill crossing a cancel is normal");
        });
    }

    [Test]
    public void Trade_events_lost_in_a_gap_are_booked_from_the_trade_list_each_at_its_price()
    {
        using var engine = StartEngine();
        var limit = engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
        OnBook(engine, engine.Id(1));
        Book.LoseEvents(1);
        Book.Fill(engine.Id(1), 0.03m, (limit - 10) * 0.01m);
        Book.Fill(engine.Id(1), 0.02m, (limit - 20) * 0.01m); // its event's cumulative (0.05) is ahead of its own quantity
        engine.WaitFor(() => engine.Lots("BTC-USD") == 500, "both trades booked");
        var position = engine.Core.Account.Position(engine.Core.Orders.Find(1)!.InstrumentId);
        Assert.Multiple(() =>
        {
            Assert.That(position.Fills, Is.EqualTo(2));
            Assert.That(position.AveragePriceTicks, Is.EqualTo(((300m * (limit - 10)) + (200m * (limit - 20))) / 500m));
            Assert.That(Rest.Requests.GetValueOrDefault("/api/v3/myTrades"), Is.GreaterThanOrEqualTo(1), "read from the trade list");
        });
    }

    [Test]
    public void An_order_whose_answer_was_lost_after_Binance_placed_it_is_found_by_query_and_never_sent_again()
    {
        using var engine = StartEngine();
        Book.Events = null; // no events either: only the query can tell
        Rest.FailNext(503, acted: true);
        var limit = engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
        OnBook(engine, engine.Id(1));
        engine.WaitFor(() => engine.Core.Orders.Find(1)!.Status == OrderStatus.Accepted, "acknowledged by the query after the recvWindow");
        Book.Fill(engine.Id(1), 0.1m, limit * 0.01m);
        Book.Events = Streams.SendAsync;
        engine.Cancel(1); // the cancel's answer leads to the order's state: filled
        engine.WaitFor(() => engine.Core.Orders.Find(1)!.Status == OrderStatus.Filled, "the fill learnt by query");
        Assert.Multiple(() =>
        {
            Assert.That(Book.Requests.Count(r => r.Method == "POST" && r.ClientOrderId == engine.Id(1)), Is.EqualTo(1), "never sent twice");
            Assert.That(engine.Lots("BTC-USD"), Is.EqualTo(1000));
        });
    }

    [Test]
    public void An_order_lost_before_it_reached_Binance_ends_not_sent_once_its_window_has_passed()
    {
        using var engine = StartEngine();
        Rest.FailNext(503, acted: false);
        engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
        engine.WaitFor(() => engine.Core.Orders.Find(1)?.Status == OrderStatus.Cancelled, "reported not sent");
        Assert.Multiple(() =>
        {
            Assert.That(Book.Find(engine.Id(1)), Is.Null);
            Assert.That(Book.Requests.Any(r => r.ClientOrderId == engine.Id(1)), Is.False, "not sent again");
            Assert.That(engine.Host.BinanceVenues.Single().Stats().RejectsReceived, Is.Zero, "not sent, not refused");
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
        });
    }

    [Test]
    public void An_order_Binance_refuses_by_filter_ends_rejected()
    {
        Rest.ExchangeInfoAvailable = false; // the filters unknown here: Binance's own answer decides
        Book.StepSize = 0.3m; // 0.1 BTC is off this step
        using var engine = StartEngine();
        engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
        engine.WaitFor(() => engine.Core.Orders.Find(1)?.Status == OrderStatus.Cancelled, "refused");
        Assert.Multiple(() =>
        {
            Assert.That(Book.Find(engine.Id(1)), Is.Null);
            Assert.That(engine.Host.BinanceVenues.Single().Stats().RejectsReceived, Is.EqualTo(1));
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
        });
    }

    [TestCase(0.3, 5, "LOT_SIZE")]
    [TestCase(0.00001, 100_000_000, "NOTIONAL")]
    public void An_order_Binances_published_filters_refuse_is_refused_by_risk_and_never_sent(decimal step, decimal minNotional, string rule)
    {
        (Book.StepSize, Book.MinNotional) = (step, minNotional);
        using var engine = StartEngine();
        engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
        var venue = engine.Host.BinanceVenues.Single();
        engine.WaitFor(() => venue.OrdersScreened == 1, "refused before Binance");
        Assert.Multiple(() =>
        {
            Assert.That(Book.Requests, Is.Empty, "nothing sent");
            Assert.That(venue.Stats().LastEvent, Does.Contain(rule));
            Assert.That(engine.Core.Orders.WorkingCount, Is.Zero);
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
        });
    }

    [Test]
    public void After_a_dropped_stream_the_reconnection_is_reconciled_and_a_fill_missed_meanwhile_booked()
    {
        using var engine = StartEngine();
        var limit = engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
        OnBook(engine, engine.Id(1));
        engine.WaitFor(() => engine.Core.Orders.Find(1)!.Status == OrderStatus.Accepted, "working");
        var venue = engine.Host.BinanceVenues.Single();
        Book.Events = null; // the stream is down: the trade's event goes nowhere
        Book.Fill(engine.Id(1), 0.1m, limit * 0.01m);
        Streams.Drop();
        engine.WaitFor(() => venue.Connections >= 2, "reconnected");
        engine.WaitFor(() => engine.Core.Orders.Find(1)!.Status == OrderStatus.Filled, "the fill found by the reconciliation");
        engine.WaitFor(() => venue.Reconciled, "new orders may go again");
        Assert.Multiple(() =>
        {
            Assert.That(engine.Lots("BTC-USD"), Is.EqualTo(1000));
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
        });
    }

    [Test]
    public void An_open_order_of_ours_the_journal_does_not_work_is_cancelled_at_the_reconciliation()
    {
        var orphan = Book.Place("BTCUSDT", "LL-1-77", "BUY", 0.01m, 10m); // an earlier incarnation's, its journal lost
        var foreign = Book.Place("BTCUSDT", "web_abc123", "BUY", 0.01m, 10m); // another program's
        using var engine = StartEngine();
        var venue = engine.Host.BinanceVenues.Single();
        engine.WaitFor(() => venue.OrphansCancelled == 1, "the orphan cancelled");
        Assert.Multiple(() =>
        {
            Assert.That(orphan.Status, Is.EqualTo("CANCELED"));
            Assert.That(foreign.Status, Is.EqualTo("NEW"), "not ours: left alone");
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running), "an unfilled orphan is harmless");
        });
    }

    [Test]
    public void Bracket_exits_grow_with_the_parent_by_cancel_replace_under_the_next_version()
    {
        using var engine = StartEngine();
        var limit = engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy, bracket: 100_000);
        OnBook(engine, engine.Id(1));
        Book.Fill(engine.Id(1), 0.04m, limit * 0.01m);
        var takeProfit = OnBook(engine, engine.Id(3));
        Assert.That(takeProfit.Quantity, Is.EqualTo(0.04m), "the exit at the parent's first fill");
        Book.Fill(engine.Id(1), 0.06m, limit * 0.01m);
        var grown = OnBook(engine, engine.Id(3, 1));
        engine.WaitFor(() => engine.Core.Orders.Find(3)!.QuantityLots == 1000 && engine.Core.Orders.Find(3)!.Status == OrderStatus.Accepted, "the replace answered");
        Assert.Multiple(() =>
        {
            Assert.That(grown.Quantity, Is.EqualTo(0.1m));
            Assert.That(Book.Find(engine.Id(3))!.Status, Is.EqualTo("CANCELED"), "the old version cancelled by the cancel-replace");
        });

        Book.Fill(engine.Id(3, 1), 0.1m, (limit + 100_000) * 0.01m); // the take-profit fills: its sibling is cancelled
        engine.WaitFor(() => engine.Core.Orders.WorkingCount == 0, "the bracket done");
        Assert.Multiple(() =>
        {
            Assert.That(engine.Lots("BTC-USD"), Is.Zero);
            Assert.That(engine.Core.Orders.Find(3)!.Status, Is.EqualTo(OrderStatus.Filled));
            Assert.That(engine.Core.Orders.Find(2)!.Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
        });
    }

    [Test]
    public void After_a_restart_a_working_order_is_found_and_its_fills_while_down_are_booked()
    {
        long limit;
        using (var engine = StartEngine())
        {
            limit = engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
            OnBook(engine, engine.Id(1));
            engine.WaitFor(() => engine.Core.Orders.Find(1)!.Status == OrderStatus.Accepted, "working");
        }

        var id = Book.Orders.Single().ClientOrderId;
        Book.Fill(id, 0.07m, (limit - 3) * 0.01m); // while the engine is down
        using var restarted = StartEngine();
        restarted.WaitFor(() => restarted.Lots("BTC-USD") == 700, "the fill booked after the restart");
        Assert.Multiple(() =>
        {
            Assert.That(restarted.Core.Orders.Find(1)!.Status, Is.EqualTo(OrderStatus.PartiallyFilled), "adopted, still working");
            Assert.That(Book.Requests.Count(r => r.Method == "POST" && r.ClientOrderId == id), Is.EqualTo(1), "not placed again");
            Assert.That(restarted.Host.BinanceVenues.Single().OrphansCancelled, Is.Zero, "the journal's own order is no orphan");
        });
        Book.Fill(id, 0.03m, limit * 0.01m);
        restarted.WaitFor(() => restarted.Core.Orders.Find(1)!.Status == OrderStatus.Filled, "the rest filled");
    }
}
