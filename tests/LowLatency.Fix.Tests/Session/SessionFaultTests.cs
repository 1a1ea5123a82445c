using LowLatency.Fix.Messages;
using LowLatency.Fix.Session;
using LowLatency.Fix.Tests.Support;
using LowLatency.QuickFix;
using static LowLatency.Fix.Tests.Session.ExecutorSessionTests;

namespace LowLatency.Fix.Tests.Session;

/// <summary>
/// Faults between our session and QuickFIX's executor, made on purpose through a relay that loses or damages
/// single messages: a lost order (the acceptor asks for it again and gets it with PossDupFlag=Y), a damaged
/// execution report (ignored, asked for again, delivered once), garbage sent to the acceptor (the session
/// survives), and reports lost to a crash before they were processed (asked for again at the next logon).
/// </summary>
public sealed class SessionFaultTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private string _directory = "";
    private QuickFixAcceptor _acceptor = null!;
    private FaultProxy _proxy = null!;

    [SetUp]
    public async Task Start()
    {
        _directory = Path.Combine(Path.GetTempPath(), "ll-fix-" + Guid.NewGuid().ToString("N"));
        _acceptor = await QuickFixAcceptor.StartAsync(AcceptorKind.Executor, "FIX.4.4", ["LL"], Path.Combine(_directory, "acceptor"));
        _proxy = new FaultProxy(_acceptor.Port);
    }

    [TearDown]
    public async Task Stop()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            TestContext.Out.WriteLine(_acceptor.Log);
        }

        await _proxy.DisposeAsync();
        await _acceptor.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task ALostOrderIsAskedForAgainAndResentAsAPossibleDuplicate()
    {
        var app = new RecordingApplication();
        await using var session = await Connected(app);
        _proxy.DropNextFromClient();
        var seq = session.Send(MsgTypes.NewOrderSingle, Order(1, FixCodes.OrdTypeLimit, 50m));
        Assert.That(() => _proxy.Dropped, Is.EqualTo(1).After(5000, 10));

        // The next message shows the acceptor the gap; it asks for the order, which comes back marked PossDup.
        session.SendTestRequest("AFTER-GAP");
        var fill = await app.WaitForMessageAsync(Wait, "11=LL-1|", "39=2|");
        Assert.That(fill, Does.Contain("|14=3|"));
        Assert.Multiple(() =>
        {
            Assert.That(session.Metrics.ResendRequestsReceived, Is.EqualTo(1));
            Assert.That(session.Metrics.MessagesResent, Is.EqualTo(1), "the order, once");
            Assert.That(_acceptor.Log, Does.Contain($"34={seq}\u000143=Y\u0001"), "resent under its own number with PossDupFlag=Y");
            Assert.That(_acceptor.Log, Does.Contain("\u0001122="), "with its OrigSendingTime");
            Assert.That(app.Messages.Count(m => m.Contains("11=LL-1|", StringComparison.Ordinal)), Is.EqualTo(1), "filled once");
        });
    }

    [Test]
    public async Task ADamagedReportIsIgnoredAskedForAgainAndDeliveredOnce()
    {
        var app = new RecordingApplication();
        await using var session = await Connected(app);
        _proxy.CorruptNextFromServer("8");
        session.Send(MsgTypes.NewOrderSingle, Order(1, FixCodes.OrdTypeLimit, 50m));
        Assert.That(() => session.Metrics.GarbledReceived, Is.EqualTo(1).After(5000, 10));
        Assert.That(app.Messages, Is.Empty, "the bad checksum was not delivered");

        session.SendTestRequest("AFTER-DAMAGE"); // the Heartbeat answering it is one ahead: the gap is noticed
        var fill = await app.WaitForMessageAsync(Wait, "11=LL-1|", "39=2|");
        Assert.That(fill, Does.Contain("|43=Y|"), "the resent copy");
        Assert.That(session.Metrics.ResendRequestsSent, Is.EqualTo(1));
        Assert.That(session.State, Is.EqualTo(FixSessionState.Active));
        Assert.That(app.Messages, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Reports_that_arrive_out_of_order_are_delivered_in_order_each_once()
    {
        var app = new RecordingApplication();
        await using var session = await Connected(app);
        _proxy.SwapNextFromServer("8"); // the first fill reaches us after the second
        session.Send(MsgTypes.NewOrderSingle, Order(1, FixCodes.OrdTypeLimit, 50m));
        session.Send(MsgTypes.NewOrderSingle, Order(2, FixCodes.OrdTypeLimit, 51m));
        await app.WaitForMessageAsync(Wait, "11=LL-2|", "39=2|");
        session.SendTestRequest("AFTER-SWAP"); // answered after the resend: its duplicate has arrived by then
        await ExecutorSessionTests.WaitUntil(() => !session.TestRequestPending);
        Assert.Multiple(() =>
        {
            Assert.That(_proxy.Swapped, Is.EqualTo(1));
            var fills = app.Messages.Where(m => m.Contains("|35=8|", StringComparison.Ordinal)).Select(m => m.Contains("11=LL-1|", StringComparison.Ordinal) ? 1 : 2);
            Assert.That(fills, Is.EqualTo(new[] { 1, 2 }), "in order, each once (the resent copy of the first was a duplicate)");
            Assert.That(session.Metrics.ResendRequestsSent, Is.EqualTo(1), "one request, for the one missing number");
            Assert.That(session.State, Is.EqualTo(FixSessionState.Active));
        });
    }

    [Test]
    public async Task GarbageSentToTheAcceptorDoesNotEndTheSession()
    {
        var app = new RecordingApplication();
        await using var session = await Connected(app);
        Assert.That(session.SendRaw("8=FIX.4.4\u00019=5\u000135=0\u000110=000\u0001"u8), Is.True, "a wrong BodyLength");
        Assert.That(session.SendRaw("8=FIX.4.4\u00019=20\u000135=0\u000149=LL\u000156=QF\u000110=999\u0001"u8), Is.True, "a bad CheckSum");
        session.Send(MsgTypes.NewOrderSingle, Order(1, FixCodes.OrdTypeLimit, 50m));
        await app.WaitForMessageAsync(Wait, "11=LL-1|", "39=2|");
        Assert.That(session.State, Is.EqualTo(FixSessionState.Active));
    }

    [Test]
    public async Task A_lost_order_the_application_declines_to_resend_is_gap_filled()
    {
        var app = new RecordingApplication { ResendAllowed = false };
        await using var session = await Connected(app);
        _proxy.DropNextFromClient();
        var seq = session.Send(MsgTypes.NewOrderSingle, Order(1, FixCodes.OrdTypeLimit, 50m));
        Assert.That(() => _proxy.Dropped, Is.EqualTo(1).After(5000, 10));

        session.SendTestRequest("AFTER-GAP");
        await app.WaitForEventAsync(Wait, $"resend {seq}? False");
        Assert.That(await _acceptor.WaitForLogAsync("\u0001123=Y\u0001", Wait), Is.True, "a SequenceReset-GapFill in its place");
        Assert.Multiple(() =>
        {
            Assert.That(session.Metrics.MessagesResent, Is.Zero, "the order never went again");
            Assert.That(_acceptor.Log, Does.Not.Contain("11=LL-1\u0001"), "the venue never saw it");
            Assert.That(session.State, Is.EqualTo(FixSessionState.Active));
        });
    }

    [Test]
    public async Task A_confirmation_from_before_a_reset_of_the_numbers_confirms_nothing_after_it()
    {
        // ResetOnLogon: every logon starts a new numbering, so what the application confirms of the last one must not carry over.
        var options = Options() with { ApplicationConfirmsProcessing = true, ResetOnLogon = true, ReconnectInitialDelay = TimeSpan.FromMilliseconds(50) };
        var app = new RecordingApplication();
        await using var session = new FixSession(options, app);
        session.Start();
        Assert.That(await session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True);
        session.Send(MsgTypes.NewOrderSingle, Order(1, FixCodes.OrdTypeLimit, 50m));
        await app.WaitForMessageAsync(Wait, "11=LL-1|", "39=2|");
        var before = session.Token(SeqOf(app.Messages.Last(m => m.Contains("11=LL-1|", StringComparison.Ordinal))));

        await _acceptor.KillAsync();
        Assert.That(await session.WaitForAsync(s => s != FixSessionState.Active, Wait), Is.True);
        await _acceptor.RestartAsync();
        Assert.That(await session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, "logged on again: the numbers start at 1");

        session.MarkProcessed(before);
        Assert.That(session.ProcessedThrough, Is.Zero, $"message {before & 0xFFFFFFFFFF} of the old numbering confirms nothing of the new one");
        session.MarkProcessed(session.Token(1));
        Assert.That(session.ProcessedThrough, Is.EqualTo(1));
    }

    [Test]
    public async Task ReportsNotConfirmedProcessedAreAskedForAgainAfterARestart()
    {
        var options = Options() with { ApplicationConfirmsProcessing = true };
        var first = new RecordingApplication();
        await using (var session = new FixSession(options, first))
        {
            session.Start();
            Assert.That(await session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True);
            session.Send(MsgTypes.NewOrderSingle, Order(1, FixCodes.OrdTypeLimit, 50m));
            session.Send(MsgTypes.NewOrderSingle, Order(2, FixCodes.OrdTypeLimit, 51m));
            await first.WaitForMessageAsync(Wait, "11=LL-2|");
            var fillOne = first.Messages.Single(m => m.Contains("11=LL-1|", StringComparison.Ordinal));
            session.MarkProcessed(session.Token(SeqOf(fillOne))); // the second report is "lost in a crash" before it was durable
            await session.StopAsync();
        }

        var second = new RecordingApplication();
        await using var restarted = new FixSession(options, second);
        restarted.Start();
        var again = await second.WaitForMessageAsync(Wait, "11=LL-2|", "39=2|", "43=Y|");
        Assert.That(second.Messages.Any(m => m.Contains("11=LL-1|", StringComparison.Ordinal)), Is.False, "the confirmed report is not delivered again");
        Assert.That(restarted.Metrics.ResendRequestsSent, Is.EqualTo(1), again);
    }

    private static long SeqOf(string message)
    {
        var at = message.IndexOf("|34=", StringComparison.Ordinal) + 4;
        return long.Parse(message[at..message.IndexOf('|', at)], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<FixSession> Connected(RecordingApplication app)
    {
        var session = new FixSession(Options(), app);
        session.Start();
        Assert.That(await session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, session.LastEvent);
        return session;
    }

    private FixSessionOptions Options() => new()
    {
        Host = "127.0.0.1", Port = _proxy.Port, BeginString = "FIX.4.4", SenderCompId = "LL", TargetCompId = QuickFixAcceptor.AcceptorCompId,
        HeartBtIntSeconds = 5, StoreDirectory = Path.Combine(_directory, "store"),
    };
}
