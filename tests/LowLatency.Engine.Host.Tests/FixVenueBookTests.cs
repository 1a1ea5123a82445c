using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Session;
using LowLatency.QuickFix;

namespace LowLatency.Engine.Host.Tests;

/// <summary>
/// The engine trading BTC-USD on the book acceptor (QuickFIX's session layer, FIX 4.4) against a counterparty
/// session: a bracket's exits grow with their parent's fills by cancel/replace, and its OCO exit is cancelled
/// under the ClOrdID its replace gave it; after a restart on a session that resets its sequence numbers (so
/// nothing is resent) an order filled while the engine was away is reconciled by its status; and after the
/// journal is lost, the mass status at logon finds the order the venue still holds open: cancelled there and
/// reported, its ClOrdID (another incarnation's) never reused, and trading halted only when it had fills the new
/// journal cannot explain.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FixVenueBookTests() : AcceptorTests(AcceptorKind.Book, "FIX.4.4", "LLENGINE", "COUNTER")
{
    [Test]
    public async Task A_bracket_grows_by_cancel_replace_and_its_oco_exit_is_cancelled_under_the_replaced_ClOrdID()
    {
        using var engine = RunningEngine.Start(RunningEngine.OnFix(Data, "book", Acceptor.Port), Data);
        var venue = engine.Host.Venues.Single();
        Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, venue.Session.LastEvent);
        await using var counter = await CounterpartyAsync();

        // Buy 0.1 BTC at the touch with a take-profit 1000 above and a stop-loss 1000 below; it rests on the book.
        var limit = engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy, stopLossTicks: 0, takeProfitTicks: 0, bracket: 100_000);
        Assert.That(await Acceptor.WaitForLogAsync($"\u000111={engine.Id(1)}\u0001", Wait, count: 2), Is.True, "the parent rests on the book");

        // 0.04 sold into it: exits for 400 lots go out (2 the stop-loss, 3 the take-profit).
        counter.Session.Send(MsgTypes.NewOrderSingle, Sell(1, 0.04m, limit));
        engine.WaitFor(() => engine.Lots("BTC-USD") == 400 && engine.Core.Orders.WorkingCount == 3, "the first fill and its two exits");
        Assert.That(await Acceptor.WaitForLogAsync($"\u000111={engine.Id(3)}\u0001", Wait, count: 2), Is.True, "the exits rest on the book");

        // 0.06 more: the parent is filled and each exit is replaced up to 1000 lots under its next ClOrdID.
        counter.Session.Send(MsgTypes.NewOrderSingle, Sell(2, 0.06m, limit));
        engine.WaitFor(() => engine.Lots("BTC-USD") == 1000, "the parent filled");
        foreach (var exit in new[] { engine.Id(2), engine.Id(3) })
        {
            Assert.That(await Acceptor.WaitForLogAsync($"\u000111={exit}.1\u0001", Wait, count: 2), Is.True, $"{exit} replaced and acknowledged");
        }

        Assert.That(Acceptor.Log, Does.Contain("\u0001150=5\u0001"), "ExecType Replaced");
        engine.WaitFor(() => engine.Core.Orders.TryGetWorking(2, out var sl) && sl.QuantityLots == 1000 && engine.Core.Orders.TryGetWorking(3, out var tp) && tp.QuantityLots == 1000, "both exits at 1000 lots");

        // The counterparty lifts the take-profit: it fills, the position is flat, and the stop-loss is cancelled by its replaced ClOrdID.
        counter.Session.Send(MsgTypes.NewOrderSingle, new NewOrderSingle(new ClOrdId("CP-"u8.ToArray(), 3), "BTC-USD"u8.ToArray(), FixCodes.SideBuy, 0.1m, FixCodes.OrdTypeLimit, Price(limit + 100_000), 0, FixCodes.TifDay, DateTime.UtcNow));
        engine.WaitFor(() => engine.Lots("BTC-USD") == 0 && engine.Core.Orders.WorkingCount == 0, "the take-profit filled and the stop-loss cancelled");
        Assert.That(await Acceptor.WaitForLogAsync($"\u000141={engine.Id(2, 1)}\u0001", Wait, count: 2), Is.True, "the cancel named the stop-loss's current ClOrdID, and the book confirmed it");
        Assert.Multiple(() =>
        {
            Assert.That(Acceptor.Log, Does.Not.Contain("\u000135=9\u0001"), "no cancel or replace refused");
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
            Assert.That(engine.Core.Orders.Find(2)!.Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That(engine.Core.Orders.Find(3)!.FilledLots, Is.EqualTo(1000));
        });
    }

    [Test]
    public async Task A_refused_replace_cancels_the_exit_at_the_venue_and_in_the_engine()
    {
        using var engine = RunningEngine.Start(RunningEngine.OnFix(Data, "book", Acceptor.Port), Data);
        var venue = engine.Host.Venues.Single();
        Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, venue.Session.LastEvent);
        await using var counter = await CounterpartyAsync();
        var limit = engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy, bracket: 100_000);
        Assert.That(await Acceptor.WaitForLogAsync($"\u000111={engine.Id(1)}\u0001", Wait, count: 2), Is.True, "the parent rests on the book");
        counter.Session.Send(MsgTypes.NewOrderSingle, Sell(1, 0.04m, limit));
        engine.WaitFor(() => engine.Core.Orders.WorkingCount == 3, "the exits for the first fill");
        Assert.That(await Acceptor.WaitForLogAsync($"\u000111={engine.Id(3)}\u0001", Wait, count: 2), Is.True, "the exits rest on the book");

        await Acceptor.CommandAsync("refuse-replaces");
        Assert.That(await Acceptor.WaitForLogAsync("book: refusing replaces", Wait), Is.True);
        counter.Session.Send(MsgTypes.NewOrderSingle, Sell(2, 0.06m, limit));

        // Each exit's replace is refused: the venue would hold 400 lots where the engine holds 1000, so both end.
        engine.WaitFor(() => engine.Lots("BTC-USD") == 1000 && engine.Core.Orders.WorkingCount == 0, "the parent filled and both exits finished");
        foreach (var exit in new[] { engine.Id(2), engine.Id(3) })
        {
            Assert.That(await Acceptor.WaitForLogAsync($"\u000141={exit}\u0001", Wait, count: 4), Is.True, $"{exit}: replace refused, then cancelled under its unchanged ClOrdID");
        }

        Assert.Multiple(() =>
        {
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running), "a refused replace is not a reconciliation failure");
            Assert.That(engine.Core.Orders.Find(2)!.Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That(engine.Core.Orders.Find(3)!.Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That(Acceptor.Occurrences("\u000139=4\u0001"), Is.GreaterThanOrEqualTo(2), "both cancelled on the book");
        });
    }

    [Test]
    public async Task A_fill_made_while_the_engine_was_away_on_a_resetting_session_is_reconciled_by_order_status()
    {
        long limit;
        using (var engine = RunningEngine.Start(RunningEngine.OnFix(Data, "book", Acceptor.Port, resetOnLogon: true), Data))
        {
            var venue = engine.Host.Venues.Single();
            Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, venue.Session.LastEvent);
            limit = engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
            Assert.That(await Acceptor.WaitForLogAsync($"\u000111={engine.Id(1)}\u0001", Wait, count: 2), Is.True, "the order rests on the book");
        }

        await using (var counter = await CounterpartyAsync())
        {
            counter.Session.Send(MsgTypes.NewOrderSingle, Sell(1, 0.1m, limit));
            await counter.App.WaitForMessageAsync(Wait, "35=8|", "11=CP-1|", "39=2|");
        }

        using (var engine = RunningEngine.Start(RunningEngine.OnFix(Data, "book", Acceptor.Port, resetOnLogon: true), Data))
        {
            var venue = engine.Host.Venues.Single();
            engine.WaitFor(() => engine.Lots("BTC-USD") == 1000, "the fill, learnt from the status answer");
            Assert.Multiple(() =>
            {
                Assert.That(venue.Session.Metrics.ResendRequestsReceived + venue.Session.Metrics.MessagesResent, Is.Zero, "nothing resent: the session reset");
                Assert.That(Acceptor.Log, Does.Contain("\u000135=H\u0001"), "an OrderStatusRequest at logon");
                Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
                Assert.That(engine.Core.Orders.Find(1)!.Status, Is.EqualTo(OrderStatus.Filled));
                Assert.That(engine.Core.Orders.Find(1)!.AverageFillTicks, Is.EqualTo(limit), "at the book's price");
            });
        }
    }

    [Test]
    public async Task An_order_sent_before_the_session_reset_its_store_is_adopted_after_a_restart_and_its_fill_learnt()
    {
        // The order went out on the first connection; the venue then dropped the connection, and the new logon
        // (resetOnLogon) wiped the session store: only the journal still says the venue acknowledged the order.
        long limit;
        using (var engine = RunningEngine.Start(RunningEngine.OnFix(Data, "book", Acceptor.Port, resetOnLogon: true), Data))
        {
            var venue = engine.Host.Venues.Single();
            Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, venue.Session.LastEvent);
            limit = engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
            Assert.That(await Acceptor.WaitForLogAsync($"\u000111={engine.Id(1)}\u0001", Wait, count: 2), Is.True, "the order rests on the book");
            engine.WaitFor(() => engine.Core.Orders.TryGetWorking(1, out var o) && o.Status == OrderStatus.Accepted, "acknowledged in the journal");
            var logons = venue.Session.Metrics.Logons;
            await Command("disconnect LLENGINE", "book: disconnected LLENGINE");
            engine.WaitFor(() => venue.Session.Metrics.Logons > logons && venue.Reconciled, "logged on again, numbers reset");
            Assert.That(venue.Session.SentMessages().Any(m => new LowLatency.Fix.Wire.FixMessageView(m).Is(LowLatency.Fix.Wire.FixWire.MsgType, MsgTypes.NewOrderSingle)), Is.False,
                "the store no longer holds the NewOrderSingle");
        }

        await using (var counter = await CounterpartyAsync())
        {
            counter.Session.Send(MsgTypes.NewOrderSingle, Sell(1, 0.1m, limit));
            await counter.App.WaitForMessageAsync(Wait, "35=8|", "11=CP-1|", "39=2|");
        }

        using (var engine = RunningEngine.Start(RunningEngine.OnFix(Data, "book", Acceptor.Port, resetOnLogon: true), Data))
        {
            engine.WaitFor(() => engine.Lots("BTC-USD") == 1000, "the fill, learnt from the status answer");
            Assert.That(engine.Core.Orders.Find(1)!.Status, Is.EqualTo(OrderStatus.Filled), "adopted, not cancelled as never sent");
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
        }
    }

    [Test]
    public async Task After_a_restart_new_orders_wait_until_the_venue_answered_for_every_order_the_journal_may_have_there()
    {
        using (var engine = RunningEngine.Start(RunningEngine.OnFix(Data, "book", Acceptor.Port), Data))
        {
            var venue = engine.Host.Venues.Single();
            Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, venue.Session.LastEvent);
            engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
            Assert.That(await Acceptor.WaitForLogAsync($"\u000111={engine.Id(1)}\u0001", Wait, count: 2), Is.True, "the order rests on the book");
        }

        await Command("hold", "book: holding cancels, replaces and status requests");
        using var restarted = RunningEngine.Start(RunningEngine.OnFix(Data, "book", Acceptor.Port), Data);
        Assert.That(await Acceptor.WaitForLogAsync("book: held AF", Wait), Is.True, "order 1's status request and the mass status on the wire");
        var reconciling = restarted.Host.Venues.Single();
        restarted.SubmitLimitAtTheTouch(correlation: 2, Side.Buy, waitForVenue: false);
        restarted.WaitFor(() => restarted.Core.Orders.LastOrderId == 2, "the second order decided");
        Assert.Multiple(() =>
        {
            Assert.That(reconciling.Reconciled, Is.False);
            Assert.That((restarted.Core.Orders.Find(2)!.Status, restarted.Core.Orders.Find(2)!.RejectReason), Is.EqualTo((OrderStatus.Rejected, RejectReason.VenueReconciling)));
            Assert.That(reconciling.Stats().Reconciled, Is.False, "and health says so");
        });

        await Command("release", "book: released 2 requests");
        restarted.WaitFor(() => reconciling.Reconciled, "the answers applied");
        restarted.SubmitLimitAtTheTouch(correlation: 3, Side.Sell);
        Assert.That(await Acceptor.WaitForLogAsync($"\u000111={restarted.Id(3)}\u0001", Wait), Is.True, "a new order goes once reconciled");
        Assert.That(restarted.Core.Orders.Find(1)!.IsWorking || restarted.Core.Orders.Find(1)!.Status == OrderStatus.Filled, Is.True, "order 1 adopted from its status answer");
    }

    [Test]
    public async Task An_open_order_of_a_lost_journal_is_found_by_mass_status_cancelled_at_the_venue_and_reported_and_its_id_never_reused()
    {
        var lost = await OrderThenLoseTheJournal(partFilled: false);
        using var engine = RunningEngine.Start(RunningEngine.OnFix(Data, "book", Acceptor.Port), Data);
        var venue = engine.Host.Venues.Single();
        Assert.That(await Acceptor.WaitForLogAsync($"\u000141={lost}\u0001", Wait, count: 2), Is.True, "the orphan cancelled on the book");
        engine.WaitFor(() => venue.OrphansCancelled == 1, "the orphan counted");

        engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy); // order 1 again in the new journal
        Assert.That(await Acceptor.WaitForLogAsync($"\u000111={engine.Id(1)}\u0001", Wait, count: 2), Is.True, "accepted by the book");
        Assert.Multiple(() =>
        {
            Assert.That(engine.Id(1), Is.Not.EqualTo(lost), "another incarnation: never the same ClOrdID");
            Assert.That(Acceptor.Log, Does.Contain("\u000135=AF\u0001").And.Contain("\u0001912=Y\u0001"));
            Assert.That(Acceptor.Log, Does.Not.Contain("Duplicate ClOrdID"));
            Assert.That((engine.Core.Status, engine.Core.ReconciliationProblem), Is.EqualTo((TradingStatus.Running, (string?)null)), "an unfilled orphan is cancelled and reported, not a halt");
        });
    }

    [Test]
    public async Task A_lost_journals_order_with_fills_halts_trading_since_its_position_cannot_be_explained()
    {
        var lost = await OrderThenLoseTheJournal(partFilled: true);
        using var engine = RunningEngine.Start(RunningEngine.OnFix(Data, "book", Acceptor.Port), Data);
        engine.WaitFor(() => engine.Core.Status == TradingStatus.Halted, "the halt on the venue's unknown fills");
        Assert.That(engine.Core.StatusReason, Is.EqualTo(StatusReason.Reconciliation));
        Assert.That(engine.Core.ReconciliationProblem, Does.StartWith("the venue reports 400 lots filled on order 1 (incarnation ").And.EndWith("which the journal never accepted"));
        Assert.That(await Acceptor.WaitForLogAsync($"\u000141={lost}\u0001", Wait, count: 2), Is.True, "its rest cancelled on the book");
    }

    /// <summary>An order resting on the book (part filled by a counterparty, if asked), then the journal lost with everything but the FIX session's store; its ClOrdID.</summary>
    private async Task<string> OrderThenLoseTheJournal(bool partFilled)
    {
        string id;
        using (var engine = RunningEngine.Start(RunningEngine.OnFix(Data, "book", Acceptor.Port), Data))
        {
            var venue = engine.Host.Venues.Single();
            Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, venue.Session.LastEvent);
            var limit = engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
            id = engine.Id(1);
            Assert.That(await Acceptor.WaitForLogAsync($"\u000111={id}\u0001", Wait, count: 2), Is.True, "the order rests on the book");
            if (partFilled)
            {
                await using var counter = await CounterpartyAsync();
                counter.Session.Send(MsgTypes.NewOrderSingle, Sell(1, 0.04m, limit));
                engine.WaitFor(() => engine.Lots("BTC-USD") == 400, "the part fill");
            }
        }

        foreach (var entry in new DirectoryInfo(Data).EnumerateFileSystemInfos().Where(e => e.Name is not ("fix" or "acceptor" or "no-strategies")))
        {
            if (entry is DirectoryInfo directory)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }

        return id;
    }

    private static decimal Price(long ticks) => ticks * 0.01m;

    private static NewOrderSingle Sell(long id, decimal quantity, long limitTicks) =>
        new(new ClOrdId("CP-"u8.ToArray(), id), "BTC-USD"u8.ToArray(), FixCodes.SideSell, quantity, FixCodes.OrdTypeLimit, Price(limitTicks), 0, FixCodes.TifDay, DateTime.UtcNow);

    private async Task<Counterparty> CounterpartyAsync()
    {
        var app = new RecordingApplication();
        var session = new FixSession(new FixSessionOptions
        {
            Host = "127.0.0.1", Port = Acceptor.Port, BeginString = "FIX.4.4", SenderCompId = "COUNTER", TargetCompId = QuickFixAcceptor.AcceptorCompId, HeartBtIntSeconds = 5,
        }, app);
        session.Start();
        Assert.That(await session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, session.LastEvent);
        return new Counterparty(session, app);
    }


    private sealed record Counterparty(FixSession Session, RecordingApplication App) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Session.StopAsync();
            await Session.DisposeAsync();
        }
    }
}
