using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Fix.Session;
using LowLatency.QuickFix;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Engine.Host.Tests;

/// <summary>
/// The engine trading BTC-USD on a FIX session to QuickFIX's executor: a limit order leaves the trading thread,
/// is filled by the acceptor, and the ExecutionReport comes back through the ring into a journalled fill and a
/// position; a restart on the same data directory keeps the position and continues the ClOrdIDs without
/// sending any order again; an order while the acceptor is down is cancelled here and never sent later.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FixVenueTests() : AcceptorTests(AcceptorKind.Executor, "FIX.4.4", "LLENGINE")
{
    [Test]
    public async Task A_limit_order_is_filled_on_the_fix_venue_and_a_restart_sends_nothing_twice()
    {
        long position;
        string first, second;
        using (var engine = RunningEngine.Start(RunningEngine.OnFix(Data, "executor", Acceptor.Port), Data))
        {
            first = engine.Id(1);
            var venue = engine.Host.Venues.Single();
            Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, TimeSpan.FromSeconds(20)), Is.True, venue.Session.LastEvent);
            engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
            // The state belongs to the trading thread: wait on single values, read the whole state after the engine stopped.
            engine.WaitFor(() => engine.Core.FillCount == 1 && engine.Lots("BTC-USD") == 1000, "the executor's fill, through the ring, into the position");
            position = engine.Lots("BTC-USD");
            Assert.That(venue.OrdersSent, Is.EqualTo(1));
            Assert.That(venue.AcksMeasured, Is.EqualTo(1), "one order → report round trip measured");
            var stats = venue.Stats();
            Assert.That((stats.State, stats.OrdersSent, stats.OrderToAckP50Us > 0), Is.EqualTo(("active", 1L, true)));
        }

        Assert.That(Acceptor.Occurrences($"\u000111={first}\u0001"), Is.EqualTo(2), "the order in and its fill out, once each");

        using (var engine = RunningEngine.Start(RunningEngine.OnFix(Data, "executor", Acceptor.Port), Data))
        {
            second = engine.Id(2);
            Assert.That(second, Does.Not.StartWith(first[..^1]), "a new incarnation at each start");
            var venue = engine.Host.Venues.Single();
            Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, TimeSpan.FromSeconds(20)), Is.True, venue.Session.LastEvent);
            Assert.That(engine.Lots("BTC-USD"), Is.EqualTo(position), "the journal kept the fill");
            engine.SubmitLimitAtTheTouch(correlation: 2, Side.Sell); // closes it (a second buy would pass the position limit)
            engine.WaitFor(() => engine.Core.FillCount == 2 && engine.Lots("BTC-USD") == 0, "the second order's fill: flat again");
        }

        Assert.Multiple(() =>
        {
            Assert.That(Acceptor.Occurrences($"\u000111={first}\u0001"), Is.EqualTo(2), "order 1 was not sent again after the restart");
            Assert.That(Acceptor.Occurrences($"\u000111={second}\u0001"), Is.EqualTo(2), "the ClOrdIDs continued");
            Assert.That(Acceptor.Log, Does.Not.Contain("MsgSeqNum too low"), "the session continued from its store");
        });
    }

    [Test]
    public async Task A_market_order_the_executor_rejects_at_the_session_level_is_cancelled_as_venue_rejected()
    {
        using var engine = RunningEngine.Start(RunningEngine.OnFix(Data, "executor", Acceptor.Port), Data);
        var venue = engine.Host.Venues.Single();
        Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, TimeSpan.FromSeconds(20)), Is.True, venue.Session.LastEvent);
        engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy, type: OrderType.Market);
        engine.WaitFor(() => engine.Core.Orders.LastOrderId == 1 && engine.Core.Orders.WorkingCount == 0, "the rejected order finished");
        Assert.That(venue.Session.Metrics.RejectsReceived, Is.EqualTo(1), "QuickFIX's executor fills limit orders only");
        Assert.That((engine.Lots("BTC-USD"), venue.Session.State), Is.EqualTo((0L, FixSessionState.Active)));
    }

    [Test]
    public async Task An_order_while_the_acceptor_is_down_is_cancelled_here_and_never_sent_later()
    {
        using var engine = RunningEngine.Start(RunningEngine.OnFix(Data, "executor", Acceptor.Port), Data);
        var venue = engine.Host.Venues.Single();
        Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, TimeSpan.FromSeconds(20)), Is.True, venue.Session.LastEvent);
        await Acceptor.KillAsync();
        Assert.That(await venue.Session.WaitForAsync(s => s != FixSessionState.Active, TimeSpan.FromSeconds(20)), Is.True);

        engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
        engine.WaitFor(() => engine.Core.Orders.WorkingCount == 0 && engine.Core.Orders.LastOrderId == 1, "the unsent order cancelled");
        Assert.That(engine.Lots("BTC-USD"), Is.Zero);

        await Acceptor.RestartAsync();
        Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, TimeSpan.FromSeconds(30)), Is.True, venue.Session.LastEvent);
        engine.SubmitLimitAtTheTouch(correlation: 2, Side.Buy);
        engine.WaitFor(() => engine.Core.FillCount == 1, "the order after the reconnect filled");
        Assert.That(Acceptor.Log, Does.Not.Contain($"11={engine.Id(1)}\u0001"), "the order refused while down never reached the venue");
    }

}
