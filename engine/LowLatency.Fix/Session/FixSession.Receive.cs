using System.Text;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Session;

/// <summary>Inbound messages, as the FIX session spec orders the checks: identity, sequence, then the message itself.</summary>
public sealed partial class FixSession
{
    private const int EpochShift = 40; // sequence numbers below 2^40; epochs above

    private long _expected = 1;
    private long _resendTarget;
    private readonly Queue<long> _unconfirmedApp = new();
    private long _confirmedApp;
    private long _epoch;

    /// <summary>
    /// Incoming message <paramref name="seq"/> as the application hands it back to <see cref="MarkProcessed"/>:
    /// the sequence epoch (one per reset of the numbers) in the high bits, so a confirmation made after a reset for
    /// a message received before it confirms nothing of the new numbering.
    /// </summary>
    public long Token(long seq) => (Volatile.Read(ref _epoch) << EpochShift) | seq;

    /// <summary>
    /// The application made its handling of the message <paramref name="token"/> names (<see cref="Token"/>; and all
    /// before it) durable: the stored incoming sequence number may pass it. Any thread; allocates nothing and never waits.
    /// </summary>
    public void MarkProcessed(long token)
    {
        if (token >> EpochShift != Volatile.Read(ref _epoch))
        {
            return; // from before the numbers were reset
        }

        var seq = token & ((1L << EpochShift) - 1);
        long seen;
        while ((seen = Volatile.Read(ref _confirmedApp)) < seq && Interlocked.CompareExchange(ref _confirmedApp, seq, seen) != seen)
        {
        }

        if (token >> EpochShift != Volatile.Read(ref _epoch))
        {
            Interlocked.CompareExchange(ref _confirmedApp, 0, seq); // a reset raced this: take back what it confirmed
        }
    }

    /// <summary>The highest incoming sequence number of this numbering the application confirmed processed.</summary>
    public long ProcessedThrough => Volatile.Read(ref _confirmedApp);

    /// <summary>A new numbering (ResetSeqNumFlag, a new schedule window): both directions from 1, and nothing of the old one confirmed or awaited.</summary>
    private void ResetSequencesLocked(DateTime createdUtc)
    {
        _store.Reset(createdUtc);
        _expected = 1;
        _resendTarget = 0;
        _unconfirmedApp.Clear();
        Interlocked.Increment(ref _epoch);
        Volatile.Write(ref _confirmedApp, 0);
    }

    private void Receive(ReadOnlySpan<byte> raw)
    {
        Metrics.In();
        var message = new FixMessageView(raw);
        if (!raw.StartsWith("8="u8) || !raw[2..].StartsWith(_begin) || raw[2 + _begin.Length] != FixWire.Soh)
        {
            SendLogoutLocked($"BeginString is not {_options.BeginString}");
            CloseLocked($"counterparty sent a BeginString other than {_options.BeginString}");
            return;
        }

        if (!message.TryGet(FixWire.MsgType, out var msgType) || !message.TryGetLong(Tag.MsgSeqNum, out var seq))
        {
            SendLogoutLocked("MsgSeqNum or MsgType missing");
            CloseLocked("a message without MsgSeqNum or MsgType");
            return;
        }

        if (!message.Is(Tag.SenderCompId, _target) || !message.Is(Tag.TargetCompId, _sender))
        {
            SendRejectLocked(seq, msgType, SessionRejectReasons.CompIdProblem, 0, "CompID problem");
            SendLogoutLocked("CompID problem");
            CloseLocked("a message with the wrong SenderCompID or TargetCompID");
            return;
        }

        var possDup = message.Is(Tag.PossDupFlag, "Y"u8);
        if (!message.TryGet(Tag.SendingTime, out var sendingText) || !FixTime.TryParse(sendingText, out var sendingTime)
            || (DateTime.UtcNow - sendingTime).Duration() > _options.MaxClockSkew)
        {
            SendRejectLocked(seq, msgType, SessionRejectReasons.SendingTimeAccuracyProblem, Tag.SendingTime, "SendingTime accuracy problem");
            SendLogoutLocked("SendingTime accuracy problem");
            CloseLocked("SendingTime missing or too far from our clock");
            return;
        }

        if (_state == FixSessionState.LogonSent && !msgType.SequenceEqual(MsgTypes.Logon))
        {
            var text = message.GetString(Tag.Text);
            CloseLocked(msgType.SequenceEqual(MsgTypes.Logout) ? $"logon refused: {text ?? "Logout without a reason"}" : "the first message was not a Logon");
            return;
        }

        if (msgType.SequenceEqual(MsgTypes.SequenceReset) && !message.Is(Tag.GapFillFlag, "Y"u8))
        {
            SequenceReset(message, seq, msgType);
            return;
        }

        if (seq > _expected)
        {
            if (msgType.SequenceEqual(MsgTypes.Logon))
            {
                OnLogonLocked(message);
            }
            else if (msgType.SequenceEqual(MsgTypes.Logout))
            {
                OnLogoutLocked(message);
                return;
            }

            RequestResendLocked(seq);
            return;
        }

        if (seq < _expected)
        {
            if (!possDup)
            {
                var text = $"MsgSeqNum too low, expecting {_expected} but received {seq}";
                SendLogoutLocked(text);
                CloseLocked(text);
            }

            return; // a duplicate we already processed
        }

        if (possDup && message.TryGet(Tag.OrigSendingTime, out var origText) && FixTime.TryParse(origText, out var orig) && orig > sendingTime)
        {
            _expected++;
            SendRejectLocked(seq, msgType, SessionRejectReasons.SendingTimeAccuracyProblem, Tag.OrigSendingTime, "OrigSendingTime after SendingTime");
            return;
        }

        _expected++;
        Dispatch(message, msgType, seq);
        if (_resendTarget != 0 && _expected > _resendTarget)
        {
            _resendTarget = 0;
        }
    }

    private void Dispatch(in FixMessageView message, ReadOnlySpan<byte> msgType, long seq)
    {
        if (msgType.Length == 1)
        {
            switch ((char)msgType[0])
            {
                case 'A':
                    OnLogonLocked(message);
                    return;
                case '0':
                    if (_pendingTestRequest is not null && message.TryGet(Tag.TestReqId, out var id) && Encoding.ASCII.GetString(id) == _pendingTestRequest)
                    {
                        _pendingTestRequest = null;
                    }

                    return;
                case '1':
                    message.TryGet(Tag.TestReqId, out var request);
                    SendLocked(MsgTypes.Heartbeat, new HeartbeatBody(Encoding.ASCII.GetString(request)));
                    return;
                case '2':
                    Metrics.ResendRequestReceived();
                    message.TryGetLong(Tag.BeginSeqNo, out var begin);
                    message.TryGetLong(Tag.EndSeqNo, out var end);
                    ResendLocked(begin, end);
                    return;
                case '3':
                    Metrics.RejectReceived();
                    message.TryGetLong(Tag.RefSeqNum, out var refSeq);
                    var why = message.GetString(Tag.Text) ?? $"SessionRejectReason {message.GetString(Tag.SessionRejectReason) ?? "?"}";
                    if (message.GetString(Tag.RefTagId) is { } refTag)
                    {
                        why += $" (tag {refTag})";
                    }

                    LogProblem(_log, Name, $"counterparty rejected our message {refSeq}: {why}");
                    _app.OnSessionReject(this, refSeq, why);
                    return;
                case '4':
                    GapFill(message, seq);
                    return;
                case '5':
                    OnLogoutLocked(message);
                    return;
                default:
                    break;
            }
        }

        if (_state is FixSessionState.Active or FixSessionState.LogoutSent)
        {
            if (_options.ApplicationConfirmsProcessing)
            {
                _unconfirmedApp.Enqueue(seq);
            }

            _app.FromApp(this, message, msgType, seq);
        }
    }

    private void OnLogonLocked(in FixMessageView message)
    {
        if (_state != FixSessionState.LogonSent)
        {
            return;
        }

        if (message.TryGetLong(Tag.HeartBtInt, out var heartbeat) && heartbeat != _options.HeartBtIntSeconds)
        {
            LogProblem(_log, Name, $"counterparty's HeartBtInt is {heartbeat}, ours {_options.HeartBtIntSeconds}");
        }

        _everActive = true;
        Metrics.LoggedOn();
        LogLoggedOn(_log, Name, _store.NextSenderSeq, _expected);
        SetState(FixSessionState.Active, "logged on");
        _app.OnLogon(this);
    }

    private void OnLogoutLocked(in FixMessageView message)
    {
        var text = message.GetString(Tag.Text);
        if (_state != FixSessionState.LogoutSent)
        {
            SendLocked(MsgTypes.Logout, new LogoutBody(null));
        }

        CloseLocked(text is null ? "logged out by the counterparty" : $"logged out: {text}");
    }

    private void SequenceReset(in FixMessageView message, long seq, ReadOnlySpan<byte> msgType)
    {
        // Reset mode: the new number holds whatever this message's own number is.
        if (!message.TryGetLong(Tag.NewSeqNo, out var next) || next < _expected)
        {
            SendRejectLocked(seq, msgType, SessionRejectReasons.IncorrectValueForTag, Tag.NewSeqNo, $"NewSeqNo {next} is below the expected {_expected}");
            return;
        }

        var skipped = _expected;
        _expected = next;
        _resendTarget = 0;
        if (next > skipped)
        {
            _app.OnSequenceReset(this, skipped, next);
        }
    }

    private void GapFill(in FixMessageView message, long seq)
    {
        if (!message.TryGetLong(Tag.NewSeqNo, out var next) || next <= seq)
        {
            SendRejectLocked(seq, MsgTypes.SequenceReset, SessionRejectReasons.IncorrectValueForTag, Tag.NewSeqNo, "a gap fill must move the sequence forward");
            return;
        }

        _expected = next;
    }

    /// <summary>Asks for what is missing, once per gap: everything from the expected number on (EndSeqNo 0).</summary>
    private void RequestResendLocked(long received)
    {
        if (_resendTarget != 0 && received <= _resendTarget)
        {
            return;
        }

        _resendTarget = received;
        Metrics.ResendRequestSent();
        LogProblem(_log, Name, $"sequence gap: expected {_expected}, received {received}; ResendRequest sent");
        SendLocked(MsgTypes.ResendRequest, new ResendRequestBody(_expected, 0));
    }

    /// <summary>The incoming number a restart may continue from: never past an application message not yet confirmed durable.</summary>
    private void PersistTargetLocked()
    {
        var confirmed = Volatile.Read(ref _confirmedApp);
        while (_unconfirmedApp.Count > 0 && _unconfirmedApp.Peek() <= confirmed)
        {
            _unconfirmedApp.Dequeue();
        }

        _store.SetNextTarget(_unconfirmedApp.Count > 0 ? Math.Min(_unconfirmedApp.Peek(), _expected) : _expected);
    }
}
