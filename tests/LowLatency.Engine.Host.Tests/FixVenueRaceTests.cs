using System.Globalization;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Fix.Session;
using LowLatency.QuickFix;

namespace LowLatency.Engine.Host.Tests;

/// <summary>
/// The races of a live venue, made deterministic on the book acceptor (FIX 4.4): the book holds our cancels and
/// replaces unanswered ("on the wire") while a market maker's quote trades against our orders, then answers them.
/// A fill that crossed a cancel is booked and the refusal that follows is normal; a partial fill then a cancel ends
/// cancelled with the fill kept; a replace racing a fill ends with the fill booked and the replace answered, the
/// OCO sibling cancelled; only an overfill halts.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FixVenueRaceTests() : AcceptorTests(AcceptorKind.Book, "FIX.4.4", "LLENGINE")
{
    [Test]
    public async Task A_fill_after_the_cancel_was_sent_is_booked_and_the_too_late_refusal_is_normal()
    {
        using var engine = await Engine();
        var limit = await RestingBuy(engine);
        await Command("hold", "book: holding cancels, replaces and status requests");
        engine.Cancel(1);
        Assert.That(await Acceptor.WaitForLogAsync($"book: held F {engine.Id(1, 0, cancel: true)}", Wait), Is.True, "the cancel is on the wire");
        Assert.That(engine.Core.Orders.Find(1)!.Status, Is.EqualTo(OrderStatus.PendingCancel));

        await Quote(bid: limit - 1_000, bidQty: 1m, ask: limit, askQty: 1m); // the maker lifts our bid in full
        engine.WaitFor(() => engine.Lots("BTC-USD") == 1000, "the fill booked while the cancel is pending");
        var session = engine.Host.Venues.Single().Session;
        var seen = session.Metrics.MessagesIn;
        await Command("release", "book: released 1 requests");
        Assert.That(await Acceptor.WaitForLogAsync("Too late to cancel", Wait), Is.True);
        engine.WaitFor(() => session.Metrics.MessagesIn > seen, "the refusal received");
        Assert.Multiple(() =>
        {
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running), "a normal race, no halt");
            Assert.That(engine.Core.Orders.Find(1)!.Status, Is.EqualTo(OrderStatus.Filled));
            Assert.That(engine.Core.ReconciliationProblem, Is.Null);
        });
    }

    [Test]
    public async Task A_partial_fill_then_the_cancel_ends_cancelled_with_the_fill_kept()
    {
        using var engine = await Engine();
        var limit = await RestingBuy(engine);
        await Command("hold", "book: holding cancels, replaces and status requests");
        engine.Cancel(1);
        Assert.That(await Acceptor.WaitForLogAsync($"book: held F {engine.Id(1, 0, cancel: true)}", Wait), Is.True);
        await Quote(bid: limit - 1_000, bidQty: 1m, ask: limit, askQty: 0.04m);
        engine.WaitFor(() => engine.Lots("BTC-USD") == 400, "the partial fill");
        Assert.That(engine.Core.Orders.Find(1)!.Status, Is.EqualTo(OrderStatus.PendingCancel), "still asked to cancel");

        await Command("release", "book: released 1 requests");
        engine.WaitFor(() => engine.Core.Orders.Find(1)!.Status == OrderStatus.Cancelled, "the cancel confirmed");
        Assert.Multiple(() =>
        {
            Assert.That((engine.Core.Orders.Find(1)!.FilledLots, engine.Lots("BTC-USD")), Is.EqualTo((400L, 400L)));
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
        });
    }

    [Test]
    public async Task A_replace_racing_a_fill_ends_with_the_fill_booked_the_replace_answered_and_the_oco_sibling_cancelled()
    {
        using var engine = await Engine();
        var limit = engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy, bracket: 100_000);
        Assert.That(await Acceptor.WaitForLogAsync($"\u000111={engine.Id(1)}\u0001", Wait, count: 2), Is.True, "the parent rests on the book");
        await Quote(bid: limit - 1_000, bidQty: 1m, ask: limit, askQty: 0.04m);
        engine.WaitFor(() => engine.Lots("BTC-USD") == 400 && engine.Core.Orders.WorkingCount == 3, "the first fill and its exits (2 stop-loss, 3 take-profit)");
        Assert.That(await Acceptor.WaitForLogAsync($"\u000111={engine.Id(3)}\u0001", Wait, count: 2), Is.True, "the exits rest on the book");

        await Command("hold", "book: holding cancels, replaces and status requests");
        await Quote(bid: limit - 1_000, bidQty: 1m, ask: limit, askQty: 0.06m); // the parent fills: both exits asked up to 1000
        Assert.That(await Acceptor.WaitForLogAsync($"book: held G {engine.Id(3, 1)}", Wait), Is.True, "the take-profit's replace on the wire");
        Assert.That(engine.Core.Orders.Find(3)!.Status, Is.EqualTo(OrderStatus.PendingReplace));

        await Quote(bid: limit + 100_000, bidQty: 0.04m, ask: limit + 200_000, askQty: 1m); // the take-profit fills at the 400 it has
        engine.WaitFor(() => engine.Lots("BTC-USD") == 600, "the take-profit's fill booked");
        await Command("release", "book: released");
        engine.WaitFor(() => engine.Core.Orders.WorkingCount == 0, "the stop-loss, its sibling filled, cancelled");
        Assert.Multiple(() =>
        {
            Assert.That(Acceptor.Log, Does.Contain("Too late to replace"), "the take-profit's replace answered");
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
            Assert.That((engine.Core.Orders.Find(3)!.Status, engine.Core.Orders.Find(3)!.FilledLots), Is.EqualTo((OrderStatus.Filled, 400L)));
            Assert.That(engine.Core.Orders.Find(2)!.Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That(engine.Lots("BTC-USD"), Is.EqualTo(600), "what traded, as the venue says");
            Assert.That(Acceptor.Log, Does.Not.Contain("Duplicate ClOrdID"));
        });
    }

    [Test]
    public async Task An_overfill_halts_naming_the_order()
    {
        using var engine = await Engine();
        await RestingBuy(engine);
        await Command($"report LLENGINE {engine.Id(1)} BTC-USD 1 1 0.12 0.12 65000", "book: crafted report sent to LLENGINE");
        engine.WaitFor(() => engine.Core.Status == TradingStatus.Halted, "the halt");
        Assert.That((engine.Core.StatusReason, engine.Core.ReconciliationProblem), Is.EqualTo((StatusReason.Reconciliation, "the venue reports 1200 of 1000 lots filled on order 1; the journal has 0")));
        Assert.That(engine.Lots("BTC-USD"), Is.Zero, "nothing booked from it");
    }

    private async Task<RunningEngine> Engine()
    {
        var engine = RunningEngine.Start(RunningEngine.OnFix(Data, "book", Acceptor.Port), Data);
        var venue = engine.Host.Venues.Single();
        Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, venue.Session.LastEvent);
        return engine;
    }

    private async Task<long> RestingBuy(RunningEngine engine)
    {
        var limit = engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
        Assert.That(await Acceptor.WaitForLogAsync($"\u000111={engine.Id(1)}\u0001", Wait, count: 2), Is.True, "the order rests on the book");
        engine.WaitFor(() => engine.Core.Orders.Find(1)!.Status == OrderStatus.Accepted, "acknowledged");
        return limit;
    }

    private Task Quote(long bid, decimal bidQty, long ask, decimal askQty) =>
        Command(string.Create(CultureInfo.InvariantCulture, $"md-quote BTC-USD {bid * 0.01m} {bidQty} {ask * 0.01m} {askQty}"), "book: quoted BTC-USD");

}
