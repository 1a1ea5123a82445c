using LowLatency.Fix.Messages;
using LowLatency.Fix.Session;
using LowLatency.Fix.Tests.Support;
using LowLatency.Fix.Wire;
using LowLatency.QuickFix;

namespace LowLatency.Fix.Tests.Session;

/// <summary>
/// The incoming numbering against a counterparty that does what no engine does on request (a scripted one):
/// messages out of order (held, then delivered in order after one ResendRequest for exactly the gap), a
/// ResendRequest's answer repeating what came already (ignored), a Logon with ResetSeqNumFlag=Y at logon and
/// during the session (both numberings restart), and an application that stops in the middle of a delivery
/// (heartbeats and sends go on).
/// </summary>
[CancelAfter(60_000)]
public sealed class SequenceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private string _directory = "";
    private ScriptedCounterparty _peer = null!;

    [SetUp]
    public void Start()
    {
        _directory = Path.Combine(Path.GetTempPath(), "ll-seq-" + Guid.NewGuid().ToString("N"));
        _peer = new ScriptedCounterparty();
    }

    [TearDown]
    public async Task Stop()
    {
        await _peer.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public async Task Messages_out_of_order_are_held_and_delivered_in_order_after_one_request_for_the_gap()
    {
        var app = new RecordingApplication();
        await using var session = await LoggedOn(app);

        await _peer.SendAsync("8", 3, Report("B"));
        await _peer.SendAsync("8", 4, Report("C"));
        var request = await _peer.ReceiveAsync("2");
        Assert.That((ScriptedCounterparty.Field(request, Tag.BeginSeqNo), ScriptedCounterparty.Field(request, Tag.EndSeqNo)), Is.EqualTo(("2", "2")), "exactly the missing number, once");
        await ExecutorSessionTests.WaitUntil(() => session.HeldMessages == 2);
        Assert.That(app.Messages, Is.Empty, "nothing delivered ahead of the gap");

        await _peer.SendAsync("8", 2, Report("A")); // the late original
        await app.WaitForMessageAsync(Wait, "11=C|");
        await _peer.SendAsync("8", 2, [(Tag.PossDupFlag, "Y"), (Tag.OrigSendingTime, FixTimeText()), .. Report("A")]); // the resend's copy, now a duplicate
        await _peer.SendAsync("1", 5, (Tag.TestReqId, "AFTER"));
        Assert.That(ScriptedCounterparty.Field(await _peer.ReceiveAsync("0"), Tag.TestReqId), Is.EqualTo("AFTER"));

        Assert.That(app.Messages.Select(m => ScriptedCounterparty.Field(m, Tag.ClOrdId)), Is.EqualTo(new[] { "A", "B", "C" }), "in order, each once");
        Assert.That(session.Metrics.ResendRequestsSent, Is.EqualTo(1));
        Assert.That(session.NextTargetSeq, Is.EqualTo(6));
        Assert.That(session.HeldMessages, Is.Zero);
    }

    [Test]
    public async Task A_second_gap_above_held_messages_is_asked_for_once_the_first_is_filled()
    {
        var app = new RecordingApplication();
        await using var session = await LoggedOn(app);

        await _peer.SendAsync("8", 3, Report("B"));
        Assert.That(ScriptedCounterparty.Field(await _peer.ReceiveAsync("2"), Tag.EndSeqNo), Is.EqualTo("2"));
        await _peer.SendAsync("8", 5, Report("D")); // 4 missing as well: held, no second request while the first is out
        await _peer.SendAsync("8", 2, Report("A"));
        var second = await _peer.ReceiveAsync("2");
        Assert.That((ScriptedCounterparty.Field(second, Tag.BeginSeqNo), ScriptedCounterparty.Field(second, Tag.EndSeqNo)), Is.EqualTo(("4", "4")));
        await _peer.SendAsync("8", 4, Report("C"));
        await app.WaitForMessageAsync(Wait, "11=D|");
        Assert.That(app.Messages.Select(m => ScriptedCounterparty.Field(m, Tag.ClOrdId)), Is.EqualTo(new[] { "A", "B", "C", "D" }));
        Assert.That(session.Metrics.ResendRequestsSent, Is.EqualTo(2));
    }

    [Test]
    public async Task A_counterparty_resetting_the_numbers_at_logon_starts_both_again()
    {
        // Our store continues a session: next out 5, next in 7. The counterparty answers our Logon with a reset.
        using (var store = SessionStore.Open(Path.Combine(_directory, "store"), "LL->" + ScriptedCounterparty.CompId, fsync: false))
        {
            store.SetNextSender(5);
            store.SetNextTarget(7);
        }

        var app = new RecordingApplication();
        await using var session = new FixSession(Options(), app);
        session.Start();
        await _peer.AcceptAsync();
        Assert.That(ScriptedCounterparty.Field(await _peer.ReceiveAsync("A"), Tag.MsgSeqNum), Is.EqualTo("5"));
        await _peer.SendAsync("A", 1, (Tag.EncryptMethod, "0"), (Tag.HeartBtInt, "30"), (Tag.ResetSeqNumFlag, "Y"));
        Assert.That(await session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, session.LastEvent);

        await _peer.SendAsync("1", 2, (Tag.TestReqId, "AFTER-RESET"));
        var answer = await _peer.ReceiveAsync("0");
        Assert.That(ScriptedCounterparty.Field(answer, Tag.MsgSeqNum), Is.EqualTo("2"), "our Logon counted as 1 of the new numbering");
        Assert.That(session.State, Is.EqualTo(FixSessionState.Active));
        Assert.That(session.NextTargetSeq, Is.EqualTo(3));
    }

    [Test]
    public async Task A_counterparty_resetting_the_numbers_during_the_session_is_answered_with_our_logon()
    {
        var app = new RecordingApplication();
        await using var session = await LoggedOn(app);
        await _peer.SendAsync("8", 2, Report("A"));
        await app.WaitForMessageAsync(Wait, "11=A|");

        await _peer.SendAsync("A", 1, (Tag.EncryptMethod, "0"), (Tag.HeartBtInt, "30"), (Tag.ResetSeqNumFlag, "Y"));
        var logon = await _peer.ReceiveAsync("A");
        Assert.That((ScriptedCounterparty.Field(logon, Tag.MsgSeqNum), ScriptedCounterparty.Field(logon, Tag.ResetSeqNumFlag)), Is.EqualTo(("1", "Y")));
        await ExecutorSessionTests.WaitUntil(() => app.Events.Count(e => e == "logon") == 2); // the application reconciles as after any logon

        await _peer.SendAsync("8", 2, Report("B"));
        await app.WaitForMessageAsync(Wait, "11=B|");
        Assert.That(session.State, Is.EqualTo(FixSessionState.Active));
        Assert.That(session.Metrics.ResendRequestsSent, Is.Zero);
        session.MarkProcessed(session.Token(2));
        Assert.That(session.ProcessedThrough, Is.EqualTo(2), "confirmations follow the new numbering");
    }

    [Test]
    public async Task A_reset_logon_whose_number_is_not_one_ends_the_session()
    {
        var app = new RecordingApplication();
        await using var session = await LoggedOn(app);
        await _peer.SendAsync("A", 7, (Tag.EncryptMethod, "0"), (Tag.HeartBtInt, "30"), (Tag.ResetSeqNumFlag, "Y"));
        var logout = await _peer.ReceiveAsync("5");
        Assert.That(logout, Does.Contain("not 1"));
    }

    [Test]
    public async Task An_application_that_stops_in_a_delivery_holds_up_neither_heartbeats_nor_sends()
    {
        using var release = new ManualResetEventSlim();
        var app = new BlockingApplication(release);
        await using var session = await LoggedOn(app, heartbeat: 1);
        await _peer.SendAsync("8", 2, Report("A"));
        Assert.That(app.Entered.Wait(Wait), Is.True);

        // The receive thread is inside the application; the session's lock is not held.
        var heartbeat = await _peer.ReceiveAsync("0");
        Assert.That(heartbeat, Does.Contain("|35=0|"));
        var sent = await Task.Run(() => session.Send(MsgTypes.NewOrderSingle, ExecutorSessionTests.Order(7, FixCodes.OrdTypeLimit, 50m))).WaitAsync(Wait);
        Assert.That(sent, Is.GreaterThan(0));
        Assert.That(await _peer.ReceiveAsync("D"), Does.Contain("|11=LL-7|"));
        release.Set();
    }

    private async Task<FixSession> LoggedOn(IFixApplication app, int heartbeat = 30)
    {
        var session = new FixSession(Options(heartbeat), app);
        session.Start();
        await _peer.AcceptAsync();
        await _peer.ReceiveAsync("A");
        await _peer.SendAsync("A", 1, (Tag.EncryptMethod, "0"), (Tag.HeartBtInt, heartbeat.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(await session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, session.LastEvent);
        return session;
    }

    private FixSessionOptions Options(int heartbeat = 30) => new()
    {
        Host = "127.0.0.1", Port = _peer.Port, SenderCompId = "LL", TargetCompId = ScriptedCounterparty.CompId, HeartBtIntSeconds = heartbeat,
        StoreDirectory = Path.Combine(_directory, "store"), ApplicationConfirmsProcessing = true, LogoutTimeout = TimeSpan.FromMilliseconds(200),
    };

    private static (int, string)[] Report(string clOrdId) =>
        [(Tag.OrderId, "O-" + clOrdId), (Tag.ExecId, "E-" + clOrdId), (Tag.ClOrdId, clOrdId), (Tag.ExecType, "0"), (Tag.OrdStatus, "0"), (Tag.Symbol, "X"), (Tag.Side, "1"), (Tag.LeavesQty, "1"), (Tag.CumQty, "0"), (Tag.AvgPx, "0")];

    private static string FixTimeText() => DateTime.UtcNow.AddSeconds(-1).ToString("yyyyMMdd-HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class BlockingApplication(ManualResetEventSlim release) : IFixApplication
    {
        public ManualResetEventSlim Entered { get; } = new();

        public void OnLogon(FixSession session)
        {
        }

        public void OnLogout(FixSession session, string reason) => release.Set();

        public void FromApp(FixSession session, in FixMessageView message, ReadOnlySpan<byte> msgType, long seq, long token)
        {
            Entered.Set();
            release.Wait(Wait); // a trading thread that has stopped taking reports
        }

        public void OnSessionReject(FixSession session, long refSeq, string text)
        {
        }
    }
}
