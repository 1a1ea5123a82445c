using LowLatency.Engine.Execution;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Fix.Session;
using LowLatency.QuickFix;

namespace LowLatency.Engine.Host.Tests;

/// <summary>
/// The venue asks for messages again (its store rolled back behind an order we sent, as after a crash of its own):
/// a NewOrderSingle older than <c>staleOrderMs</c> is gap-filled, never sent late, cancelled at the venue by its
/// ClOrdID in case it held it queued, and cancelled in the engine as never sent; a recent one is resent
/// (PossDupFlag=Y) and works on.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FixVenueResendTests() : AcceptorTests(AcceptorKind.Book, "FIX.4.4", "LLENGINE")
{
    [Test]
    public async Task A_stale_order_asked_for_again_is_gap_filled_and_cancelled_in_the_engine()
    {
        using var engine = await OrderThenRollTheVenueBack(staleOrderMs: 1);
        engine.WaitFor(() => !engine.Core.Orders.TryGetWorking(1, out _), "the order finished as never sent");
        Assert.That(await Acceptor.WaitForLogAsync("\u0001123=Y\u0001", Wait), Is.True, "a SequenceReset-GapFill in the order's place");
        Assert.That(await Acceptor.WaitForLogAsync($"\u000141={engine.Id(1)}\u0001", Wait, count: 2), Is.True, "then cancelled there by its ClOrdID (in case the venue held it queued), and answered");
        engine.WaitFor(() => engine.Host.Venues.Single().Reconciled, "the venue reconciled again");
        Assert.Multiple(() =>
        {
            Assert.That(ResentOrders(), Is.Zero, "the order never went again");
            Assert.That(engine.Core.Orders.Find(1)!.Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
        });
    }

    [Test]
    public async Task A_recent_order_asked_for_again_is_resent_and_works_on()
    {
        using var engine = await OrderThenRollTheVenueBack(staleOrderMs: 600_000);
        Assert.That(await Acceptor.WaitForLogAsync("\u000143=Y\u0001", Wait), Is.True, "resent as a possible duplicate");
        engine.WaitFor(() => engine.Host.Venues.Single().Reconciled && ResentOrders() == 1, "the venue reconciled again, the order resent once");
        Assert.That(engine.Core.Orders.TryGetWorking(1, out var order) && order.Status == OrderStatus.Accepted, Is.True, "the order works on");
        Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
    }

    /// <summary>NewOrderSingles the venue received marked PossDupFlag=Y (one log line per message).</summary>
    private int ResentOrders() => Acceptor.Log.Split('\n').Count(l => l.Contains("\u000135=D\u0001", StringComparison.Ordinal) && l.Contains("\u000143=Y\u0001", StringComparison.Ordinal));

    /// <summary>An order rests on the book; the venue then restarts expecting the order's number again (its book is empty: the order is gone there).</summary>
    private async Task<RunningEngine> OrderThenRollTheVenueBack(int staleOrderMs)
    {
        var config = RunningEngine.OnFix(Data, "book", Acceptor.Port);
        config = config with { Venues = config.Venues with { Fix = new Dictionary<string, FixSessionConfig> { ["book"] = config.Venues.Fix["book"] with { StaleOrderMs = staleOrderMs } } } };
        var engine = RunningEngine.Start(config, Data);
        var venue = engine.Host.Venues.Single();
        Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, venue.Session.LastEvent);
        engine.WaitFor(() => venue.Reconciled, "the venue reconciled");
        var seqNums = Directory.GetFiles(Path.Combine(Data, "acceptor", "store"), "*LLENGINE*.seqnums").Single();
        var before = File.ReadAllText(seqNums); // QuickFIX's file store: "next sender : next target"

        engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
        Assert.That(await Acceptor.WaitForLogAsync($"\u000111={engine.Id(1)}\u0001", Wait, count: 2), Is.True, "the order rests on the book");
        engine.WaitFor(() => engine.Core.Orders.TryGetWorking(1, out var working) && working.Status == OrderStatus.Accepted, "the order working");
        await Task.Delay(50); // older than the stale limit of the first test
        await Acceptor.KillAsync();
        var after = File.ReadAllText(seqNums);
        File.WriteAllText(seqNums, after[..after.IndexOf(':', StringComparison.Ordinal)] + before[before.IndexOf(':', StringComparison.Ordinal)..]); // it forgets receiving the order, not what it sent
        await Acceptor.RestartAsync();
        Assert.That(await Acceptor.WaitForLogAsync("\u000135=2\u0001", Wait), Is.True, "the venue asks for the order's number again");
        return engine;
    }
}
