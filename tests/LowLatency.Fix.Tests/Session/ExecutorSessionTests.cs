using System.Text;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Session;
using LowLatency.Fix.Tests.Support;
using LowLatency.QuickFix;

namespace LowLatency.Fix.Tests.Session;

/// <summary>
/// Our initiator against QuickFIX's executor (an independent FIX engine): logon and logout, heartbeats and test
/// requests at a one-second HeartBtInt, a limit order filled, a market order rejected at the session level, and
/// the session continuing from its store after a restart — in FIX 4.2 and 4.4.
/// </summary>
[TestFixture("FIX.4.4")]
[TestFixture("FIX.4.2")]
public sealed class ExecutorSessionTests(string beginString)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private string _directory = "";
    private QuickFixAcceptor _acceptor = null!;

    [SetUp]
    public async Task StartAcceptor()
    {
        _directory = Path.Combine(Path.GetTempPath(), "ll-fix-" + Guid.NewGuid().ToString("N"));
        _acceptor = await QuickFixAcceptor.StartAsync(AcceptorKind.Executor, beginString, ["LL"], Path.Combine(_directory, "acceptor"));
    }

    [TearDown]
    public async Task StopAcceptor()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            TestContext.Out.WriteLine(_acceptor.Log);
        }

        await _acceptor.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task LogsOnHeartbeatsAnswersTestRequestsAndLogsOut()
    {
        var app = new RecordingApplication();
        await using var session = new FixSession(Options(heartbeat: 1), app);
        session.Start();
        Assert.That(await session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, session.LastEvent);

        // Both sides heartbeat every second once idle: ours reach the acceptor, theirs reach us.
        Assert.That(await _acceptor.WaitForLogAsync("\u000135=0\u0001", Wait, count: 4), Is.True, "heartbeats in the acceptor's log");
        Assert.That(session.Metrics.MessagesIn, Is.GreaterThanOrEqualTo(2));

        Assert.That(session.SendTestRequest("PING-1"), Is.True);
        Assert.That(await _acceptor.WaitForLogAsync("112=PING-1\u0001", Wait, count: 2), Is.True, "the TestRequest and the Heartbeat answering it");
        await WaitUntil(() => !session.TestRequestPending);

        await session.StopAsync();
        Assert.That(session.State, Is.EqualTo(FixSessionState.Stopped));
        Assert.That(await _acceptor.WaitForLogAsync("\u000135=5\u0001", Wait, count: 2), Is.True, "our Logout and the acceptor's answer");
        Assert.That(app.Events, Does.Contain("logon"));
    }

    [Test]
    public async Task ALimitOrderIsFilledAndAMarketOrderIsRejected()
    {
        var app = new RecordingApplication();
        await using var session = new FixSession(Options(), app);
        session.Start();
        Assert.That(await session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, session.LastEvent);

        var sent = session.Send(MsgTypes.NewOrderSingle, Order(1, FixCodes.OrdTypeLimit, 101.25m));
        Assert.That(sent, Is.GreaterThan(0));
        var fill = await app.WaitForMessageAsync(Wait, "35=8|", "11=LL-1|");
        Assert.Multiple(() =>
        {
            Assert.That(fill, Does.Contain("|39=2|"), "OrdStatus filled");
            Assert.That(fill, Does.Contain("|14=3|"), "CumQty");
            Assert.That(fill, Does.Contain("|31=101.25|"), "LastPx");
            Assert.That(fill, Does.Contain("|151=0|"), "LeavesQty");
        });

        // The executor fills limit orders only: a market order comes back as a session-level Reject of that message.
        var market = session.Send(MsgTypes.NewOrderSingle, Order(2, FixCodes.OrdTypeMarket, 0));
        var reject = await app.WaitForEventAsync(Wait, $"reject {market}:");
        Assert.That(reject, Does.Contain("(tag 40)"), "the Reject names the OrdType field");
        Assert.That(session.State, Is.EqualTo(FixSessionState.Active), "a rejected order does not end the session");
    }

    [Test]
    public async Task ARestartContinuesTheSessionFromItsStore()
    {
        long next;
        await using (var first = new FixSession(Options(), new RecordingApplication()))
        {
            first.Start();
            Assert.That(await first.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, first.LastEvent);
            first.Send(MsgTypes.NewOrderSingle, Order(1, FixCodes.OrdTypeLimit, 10m));
            await WaitUntil(() => first.NextTargetSeq >= 3); // logon + the fill
            await first.StopAsync();
            next = first.NextSenderSeq;
        }

        Assert.That(next, Is.GreaterThanOrEqualTo(4), "logon, order, logout sent");
        var app = new RecordingApplication();
        await using var second = new FixSession(Options(), app);
        Assert.That(second.NextSenderSeq, Is.EqualTo(next), "the store gave back the next number");
        second.Start();
        Assert.That(await second.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, second.LastEvent);
        second.Send(MsgTypes.NewOrderSingle, Order(2, FixCodes.OrdTypeLimit, 11m));
        await app.WaitForMessageAsync(Wait, "35=8|", "11=LL-2|", "39=2|");
        Assert.That(_acceptor.Log, Does.Not.Contain("MsgSeqNum too low"));
        Assert.That(second.Metrics.ResendRequestsSent, Is.Zero, "nothing was missing");
    }

    [Test]
    public async Task TheAcceptorKilledAndRestartedIsReconnectedAndTheSessionContinues()
    {
        var app = new RecordingApplication();
        await using var session = new FixSession(Options(heartbeat: 1) with { ReconnectMaxDelay = TimeSpan.FromMilliseconds(500) }, app);
        session.Start();
        Assert.That(await session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, session.LastEvent);
        session.Send(MsgTypes.NewOrderSingle, Order(1, FixCodes.OrdTypeLimit, 10m));
        await app.WaitForMessageAsync(Wait, "11=LL-1|", "39=2|");

        await _acceptor.KillAsync();
        Assert.That(await session.WaitForAsync(s => s != FixSessionState.Active, Wait), Is.True, "the loss is noticed");
        Assert.That(session.Send(MsgTypes.NewOrderSingle, Order(9, FixCodes.OrdTypeLimit, 10m)), Is.Zero, "nothing is sent while logged out");
        await _acceptor.RestartAsync();
        Assert.That(await session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, session.LastEvent);
        Assert.That(session.Metrics.Logons, Is.EqualTo(2));

        session.Send(MsgTypes.NewOrderSingle, Order(2, FixCodes.OrdTypeLimit, 12m));
        await app.WaitForMessageAsync(Wait, "11=LL-2|", "39=2|");
        Assert.That(app.Messages.Count(m => m.Contains("11=LL-1|", StringComparison.Ordinal)), Is.EqualTo(1), "the first fill arrived once");
        Assert.That(_acceptor.Log, Does.Not.Contain("11=LL-9"), "the order refused while logged out never reached the venue");
    }

    private FixSessionOptions Options(int heartbeat = 5) => new()
    {
        Host = "127.0.0.1", Port = _acceptor.Port, BeginString = beginString, SenderCompId = "LL", TargetCompId = QuickFixAcceptor.AcceptorCompId,
        HeartBtIntSeconds = heartbeat, StoreDirectory = Path.Combine(_directory, "store"),
    };

    internal static NewOrderSingle Order(long id, byte type, decimal price) =>
        new(new ClOrdId(Encoding.ASCII.GetBytes("LL-"), id), "EURUSD"u8.ToArray(), FixCodes.SideBuy, 3, type, price, 0, FixCodes.TifDay, DateTime.UtcNow);

    internal static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "condition not reached in time");
            await Task.Delay(10);
        }
    }
}
