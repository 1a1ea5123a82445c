using System.Text;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Session;

/// <summary>Inbound messages, as the FIX session spec orders the checks: identity, sequence, then the message itself.</summary>
public sealed partial class FixSession
{
    private readonly InboundSequence _inbound = new();

    /// <summary>
    /// Incoming message <paramref name="seq"/> of the current numbering as the application hands it back to
    /// <see cref="MarkProcessed"/> (<see cref="IFixApplication.FromApp"/> is given each message's own token).
    /// </summary>
    public long Token(long seq) => _inbound.Token(seq);

    /// <summary>
    /// The application made its handling of the message <paramref name="token"/> names (and all before it) durable:
    /// the stored incoming sequence number may pass it. Any thread; allocates nothing and never waits.
    /// </summary>
    public void MarkProcessed(long token) => _inbound.MarkProcessed(token);

    /// <summary>The highest incoming sequence number of this numbering the application confirmed processed.</summary>
    public long ProcessedThrough => _inbound.ProcessedThrough;

    /// <summary>Messages held ahead of a gap, waiting for it to be filled.</summary>
    public int HeldMessages
    {
        get { lock (_gate) { return _inbound.HeldCount; } }
    }

    /// <summary>A new numbering (ResetSeqNumFlag, a new schedule window): both directions from 1, and nothing of the old one confirmed, held or awaited.</summary>
    private void ResetSequencesLocked(DateTime createdUtc)
    {
        _store.Reset(createdUtc);
        _inbound.Reset();
    }

    /// <summary>One framed message, then any held ones its number lets through.</summary>
    private void ReceiveLocked(ReadOnlySpan<byte> raw)
    {
        Receive(raw);
        while (_stream is not null && _inbound.TryTakeNext(out var held, out var length))
        {
            try
            {
                Receive(held.AsSpan(0, length));
            }
            finally
            {
                InboundSequence.Return(held);
            }
        }

        if (_stream is not null && _inbound.ResendThrough == 0 && _inbound.FirstHeld > _inbound.Expected)
        {
            RequestResendLocked(_inbound.FirstHeld); // another gap below what is still held
        }
    }

    private void Receive(ReadOnlySpan<byte> raw)
    {
        if (!raw.StartsWith("8="u8) || !raw[2..].StartsWith(_begin) || raw[2 + _begin.Length] != FixWire.Soh)
        {
            SendLogoutLocked($"BeginString is not {_options.BeginString}");
            CloseLocked($"counterparty sent a BeginString other than {_options.BeginString}");
            return;
        }

        var fields = SessionFields.Read(raw);
        var msgType = fields.MsgType;
        var seq = fields.MsgSeqNum;
        if (msgType.IsEmpty || seq <= 0)
        {
            SendLogoutLocked("MsgSeqNum or MsgType missing");
            CloseLocked("a message without MsgSeqNum or MsgType");
            return;
        }

        if (!fields.SenderCompId.SequenceEqual(_target) || !fields.TargetCompId.SequenceEqual(_sender))
        {
            SendRejectLocked(seq, msgType, SessionRejectReasons.CompIdProblem, 0, "CompID problem");
            SendLogoutLocked("CompID problem");
            CloseLocked("a message with the wrong SenderCompID or TargetCompID");
            return;
        }

        if (!FixTime.TryParse(fields.SendingTime, out var sendingTime) || (DateTime.UtcNow - sendingTime).Duration() > _options.MaxClockSkew)
        {
            SendRejectLocked(seq, msgType, SessionRejectReasons.SendingTimeAccuracyProblem, Tag.SendingTime, "SendingTime accuracy problem");
            SendLogoutLocked("SendingTime accuracy problem");
            CloseLocked("SendingTime missing or too far from our clock");
            return;
        }

        var isLogon = msgType.SequenceEqual(MsgTypes.Logon);
        if (_state == FixSessionState.LogonSent && !isLogon)
        {
            var text = fields.Text.IsEmpty ? null : Encoding.ASCII.GetString(fields.Text);
            CloseLocked(msgType.SequenceEqual(MsgTypes.Logout) ? $"logon refused: {text ?? "Logout without a reason"}" : "the first message was not a Logon");
            return;
        }

        if (isLogon && fields.ResetSeqNum && !fields.PossDup && !CounterpartyResetLocked(seq))
        {
            return;
        }

        if (msgType.SequenceEqual(MsgTypes.SequenceReset) && !fields.GapFill)
        {
            SequenceReset(fields, seq, msgType);
            return;
        }

        var expected = _inbound.Expected;
        if (seq > expected)
        {
            if (isLogon)
            {
                OnLogonLocked(fields);
            }
            else if (msgType.SequenceEqual(MsgTypes.Logout))
            {
                OnLogoutLocked(fields);
                return;
            }

            _inbound.Hold(seq, raw); // processed in order once the gap is filled (a held Logon is then a no-op)
            RequestResendLocked(seq);
            return;
        }

        if (seq < expected)
        {
            if (!fields.PossDup)
            {
                var text = $"MsgSeqNum too low, expecting {expected} but received {seq}";
                SendLogoutLocked(text);
                CloseLocked(text);
            }

            return; // a duplicate we already processed
        }

        if (fields.PossDup && FixTime.TryParse(fields.OrigSendingTime, out var orig) && orig > sendingTime)
        {
            Advance();
            SendRejectLocked(seq, msgType, SessionRejectReasons.SendingTimeAccuracyProblem, Tag.OrigSendingTime, "OrigSendingTime after SendingTime");
            return;
        }

        Advance();
        Dispatch(raw, fields, seq);
    }

    private void Advance() => MoveExpected(_inbound.Expected + 1);

    /// <summary>The next number expected is <paramref name="next"/>; a gap asked for below it is filled.</summary>
    private void MoveExpected(long next)
    {
        _inbound.Expected = next;
        if (_inbound.ResendThrough != 0 && next > _inbound.ResendThrough)
        {
            _inbound.ResendThrough = 0;
        }
    }

    private void Dispatch(ReadOnlySpan<byte> raw, in SessionFields fields, long seq)
    {
        if (fields.MsgType.Length == 1)
        {
            switch ((char)fields.MsgType[0])
            {
                case 'A':
                    OnLogonLocked(fields);
                    return;
                case '0':
                    _heartbeats.HeartbeatReceived(fields.TestReqId);
                    return;
                case '1':
                    SendLocked(MsgTypes.Heartbeat, new HeartbeatBody(Encoding.ASCII.GetString(fields.TestReqId)));
                    return;
                case '2':
                    Metrics.ResendRequestReceived();
                    ResendLocked(fields.BeginSeqNo, Math.Max(0, fields.EndSeqNo));
                    return;
                case '3':
                    OnRejectLocked(fields);
                    return;
                case '4':
                    GapFill(fields, seq);
                    return;
                case '5':
                    OnLogoutLocked(fields);
                    return;
                default:
                    break;
            }
        }

        if (_state is FixSessionState.Active or FixSessionState.LogoutSent)
        {
            if (_options.ApplicationConfirmsProcessing)
            {
                _inbound.AwaitConfirmation(seq);
            }

            _deliveries.Application(raw, seq, _inbound.Token(seq));
        }
    }

    private void OnRejectLocked(in SessionFields fields)
    {
        Metrics.RejectReceived();
        var why = fields.Text.IsEmpty ? $"SessionRejectReason {(fields.SessionRejectReason.IsEmpty ? "?" : Encoding.ASCII.GetString(fields.SessionRejectReason))}" : Encoding.ASCII.GetString(fields.Text);
        if (!fields.RefTagId.IsEmpty)
        {
            why += $" (tag {Encoding.ASCII.GetString(fields.RefTagId)})";
        }

        LogProblem(_log, Name, $"counterparty rejected our message {fields.RefSeqNum}: {why}");
        _deliveries.SessionReject(fields.RefSeqNum, why);
    }

    private void OnLogonLocked(in SessionFields fields)
    {
        if (_state != FixSessionState.LogonSent)
        {
            return;
        }

        if (fields.HeartBtInt > 0 && fields.HeartBtInt != _options.HeartBtIntSeconds)
        {
            LogProblem(_log, Name, $"counterparty's HeartBtInt is {fields.HeartBtInt}, ours {_options.HeartBtIntSeconds}");
        }

        _everActive = true;
        Metrics.LoggedOn();
        LogLoggedOn(_log, Name, _store.NextSenderSeq, _inbound.Expected);
        SetState(FixSessionState.Active, "logged on");
        _deliveries.Logon();
    }

    /// <summary>
    /// A Logon with ResetSeqNumFlag=Y: the counterparty starts both numberings again. Answering our Logon, it
    /// counted ours as its first message; during the session, it is a new FIX session that we answer with a
    /// Logon of our own, and the application hears a logon again (its reconciliation runs as after any).
    /// False when the Logon itself is wrong (its number must be 1) and the session ends.
    /// </summary>
    private bool CounterpartyResetLocked(long seq)
    {
        if (seq != 1)
        {
            var text = $"Logon with ResetSeqNumFlag=Y has MsgSeqNum {seq}, not 1";
            SendLogoutLocked(text);
            CloseLocked(text);
            return false;
        }

        if (_state == FixSessionState.LogonSent)
        {
            if (!_resetSent)
            {
                LogProblem(_log, Name, "the counterparty reset the sequence numbers at logon; ours start again at 2, after our Logon");
                ResetSequencesLocked(DateTime.UtcNow);
                _store.SetNextSender(2);
            }

            return true;
        }

        if (_state == FixSessionState.Active)
        {
            LogProblem(_log, Name, "the counterparty reset the sequence numbers during the session; answering with our Logon");
            ResetSequencesLocked(DateTime.UtcNow);
            SendLocked(MsgTypes.Logon, new LogonBody(_options.HeartBtIntSeconds, Reset: true, _options.Username, _options.Password));
            _inbound.Expected = 2;
            Metrics.LoggedOn();
            _deliveries.Logon();
            return false; // handled: its number is taken, nothing else in it to process
        }

        return true;
    }

    private void OnLogoutLocked(in SessionFields fields)
    {
        var text = fields.Text.IsEmpty ? null : Encoding.ASCII.GetString(fields.Text);
        if (_state != FixSessionState.LogoutSent)
        {
            SendLocked(MsgTypes.Logout, new LogoutBody(null));
        }

        CloseLocked(text is null ? "logged out by the counterparty" : $"logged out: {text}");
    }

    private void SequenceReset(in SessionFields fields, long seq, ReadOnlySpan<byte> msgType)
    {
        // Reset mode: the new number holds whatever this message's own number is.
        var next = fields.NewSeqNo;
        var skipped = _inbound.Expected;
        if (next < skipped)
        {
            SendRejectLocked(seq, msgType, SessionRejectReasons.IncorrectValueForTag, Tag.NewSeqNo, $"NewSeqNo {next} is below the expected {skipped}");
            return;
        }

        _inbound.Expected = next;
        _inbound.ResendThrough = 0;
        if (next > skipped)
        {
            _deliveries.SequenceReset(skipped, next);
        }
    }

    private void GapFill(in SessionFields fields, long seq)
    {
        if (fields.NewSeqNo <= seq)
        {
            SendRejectLocked(seq, MsgTypes.SequenceReset, SessionRejectReasons.IncorrectValueForTag, Tag.NewSeqNo, "a gap fill must move the sequence forward");
            return;
        }

        MoveExpected(fields.NewSeqNo);
    }

    /// <summary>Asks for exactly the missing numbers, once per gap: from the expected one to just before <paramref name="received"/>.</summary>
    private void RequestResendLocked(long received)
    {
        if (_inbound.ResendThrough != 0)
        {
            return; // one out already: what arrives above it is held, and a gap left after it is asked for then
        }

        _inbound.ResendThrough = received - 1;
        Metrics.ResendRequestSent();
        LogProblem(_log, Name, $"sequence gap: expected {_inbound.Expected}, received {received}; ResendRequest {_inbound.Expected}..{received - 1} sent");
        SendLocked(MsgTypes.ResendRequest, new ResendRequestBody(_inbound.Expected, received - 1));
    }

    /// <summary>The incoming number a restart may continue from: never past an application message not yet confirmed durable.</summary>
    private void PersistTargetLocked() => _store.SetNextTarget(_inbound.Persistable());
}
