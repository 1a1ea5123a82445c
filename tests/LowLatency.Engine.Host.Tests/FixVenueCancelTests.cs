using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Fix.Session;
using LowLatency.QuickFix;

namespace LowLatency.Engine.Host.Tests;

/// <summary>
/// Cancels the book acceptor refuses while the order still works there (FIX 4.4): each retry goes under a new,
/// versioned ClOrdID (the book refuses a repeated one), the order ends cancelled at the venue, and when the retries
/// run out the venue counts and logs it rather than retrying for ever.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FixVenueCancelTests() : AcceptorTests(AcceptorKind.Book, "FIX.4.4", "LLENGINE")
{
    [Test]
    public async Task A_refused_cancel_is_retried_under_the_next_ClOrdID_until_the_venue_cancels()
    {
        using var engine = await RestingOrder(retries: 3);
        await Command("refuse-cancels 2", "book: refusing the next 2 cancels");
        Cancel(engine, orderId: 1);

        Assert.That(await Acceptor.WaitForLogAsync("\u000139=4\u0001", Wait), Is.True, "cancelled on the book in the end");
        Assert.Multiple(() =>
        {
            Assert.That(Acceptor.Occurrences($"book: cancel {engine.Id(1, 0, cancel: true)}"), Is.EqualTo(2), "the first two refused");
            Assert.That(Acceptor.Log, Does.Contain($"\u000111={engine.Id(1, 0, cancel: true)}\u0001").And.Contain($"\u000111={engine.Id(1, 1, cancel: true)}\u0001").And.Contain($"\u000111={engine.Id(1, 2, cancel: true)}\u0001"), "a new ClOrdID each time");
            Assert.That(Acceptor.Log, Does.Not.Contain("Duplicate ClOrdID"));
            Assert.That(engine.Host.Venues.Single().CancelsRefused, Is.EqualTo(2));
            Assert.That(engine.Core.Orders.Find(1)!.Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running), "a refused cancel is no reconciliation failure");
        });
    }

    [Test]
    public async Task When_the_retries_run_out_the_refusals_are_counted_and_no_more_cancels_go()
    {
        using var engine = await RestingOrder(retries: 1);
        await Command("refuse-cancels 5", "book: refusing the next 5 cancels");
        Cancel(engine, orderId: 1);

        var venue = engine.Host.Venues.Single();
        engine.WaitFor(() => venue.CancelsRefused == 2, "the first cancel and its one retry refused");
        Assert.That(await Acceptor.WaitForLogAsync($"book: cancel {engine.Id(1, 1, cancel: true)} refused", Wait), Is.True);
        Assert.That(await Acceptor.WaitForLogAsync($"\u000111={engine.Id(1, 2, cancel: true)}\u0001", TimeSpan.FromMilliseconds(500)), Is.False, "no third cancel");
        Assert.That(Acceptor.Log, Does.Not.Contain("\u000139=4\u0001"), "the order still works at the venue (logged as an error)");
    }

    private async Task<RunningEngine> RestingOrder(int retries)
    {
        var config = RunningEngine.OnFix(Data, "book", Acceptor.Port);
        config = config with
        {
            Venues = config.Venues with
            {
                Fix = new Dictionary<string, Configuration.FixSessionConfig> { ["book"] = config.Venues.Fix["book"] with { CancelRetries = retries, CancelRetryDelayMs = 20 } },
            },
        };
        var engine = RunningEngine.Start(config, Data);
        var venue = engine.Host.Venues.Single();
        Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, venue.Session.LastEvent);
        engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
        Assert.That(await Acceptor.WaitForLogAsync($"\u000111={engine.Id(1)}\u0001", Wait, count: 2), Is.True, "the order rests on the book");
        return engine;
    }

    private static void Cancel(RunningEngine engine, long orderId) =>
        Assert.That(engine.Host.Commands!.TryPublish(new Command { Type = CommandType.CancelOrder, CorrelationId = 2, OrderId = orderId }, TimeSpan.FromSeconds(10)), Is.True);

}
