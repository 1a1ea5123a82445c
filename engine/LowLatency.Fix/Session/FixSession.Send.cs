using LowLatency.Fix.Messages;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Session;

/// <summary>Outbound messages: the standard header, the store, the wire; and answering a ResendRequest.</summary>
public sealed partial class FixSession
{
    private readonly FixWriter _writer = new();
    private readonly FixWriter _resendWriter = new();

    /// <summary>
    /// Sends an application message if the session is logged on: stored under its sequence number, then written.
    /// Returns the MsgSeqNum, or 0 when not logged on (nothing stored or sent).
    /// </summary>
    public long Send<T>(ReadOnlySpan<byte> msgType, in T body)
        where T : struct, IFixBody
    {
        long seq;
        lock (_gate)
        {
            seq = _state == FixSessionState.Active ? SendLocked(msgType, body) : 0;
        }

        return seq; // a failed write closed the connection: the receive thread tells the application as its loop ends
    }

    /// <summary>Sends a TestRequest; the counterparty's Heartbeat with the same id clears it (else the session is dropped after one interval).</summary>
    public bool SendTestRequest(string id)
    {
        lock (_gate)
        {
            if (_state != FixSessionState.Active)
            {
                return false;
            }

            SendTestRequestLocked(id);
        }

        return true;
    }

    /// <summary>The messages this session has sent and still keeps (for an application's start-up reconciliation).</summary>
    public IReadOnlyList<byte[]> SentMessages()
    {
        lock (_gate)
        {
            return _store.All();
        }
    }

    /// <summary>Our message <paramref name="seq"/> of the current numbering, if the store still keeps it (what a Reject's RefSeqNum names).</summary>
    public bool TryGetSent(long seq, out byte[] message)
    {
        lock (_gate)
        {
            return _store.TryGet(seq, out message);
        }
    }

    /// <summary>Whether a TestRequest is awaiting its Heartbeat.</summary>
    public bool TestRequestPending
    {
        get { lock (_gate) { return _heartbeats.PendingTestRequest is not null; } }
    }

    /// <summary>Writes raw bytes on the connection (fault tests: garbage, a bad checksum); false when not connected.</summary>
    internal bool SendRaw(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            if (_stream is null)
            {
                return false;
            }

            WriteLocked(bytes);
        }

        return true;
    }

    /// <summary>Any message while connected (admin messages before logon too): header, store, wire.</summary>
    private long SendLocked<T>(ReadOnlySpan<byte> msgType, in T body)
        where T : struct, IFixBody
    {
        if (_stream is null)
        {
            return 0;
        }

        var seq = _store.NextSenderSeq;
        _writer.Start(_begin, msgType);
        WriteHeader(_writer, seq, possDup: false, default);
        body.Write(_writer);
        var bytes = _writer.Finish();
        _store.Save(seq, bytes);
        _store.SetNextSender(seq + 1);
        _store.Flush();
        WriteLocked(bytes);
        return seq;
    }

    private void WriteHeader(FixWriter writer, long seq, bool possDup, ReadOnlySpan<byte> origSendingTime)
    {
        writer.Add(Tag.SenderCompId, _sender).Add(Tag.TargetCompId, _target).Add(Tag.MsgSeqNum, seq);
        if (possDup)
        {
            writer.Add(Tag.PossDupFlag, "Y"u8);
        }

        writer.AddTimestamp(Tag.SendingTime, DateTime.UtcNow);
        if (possDup && !origSendingTime.IsEmpty)
        {
            writer.Add(Tag.OrigSendingTime, origSendingTime);
        }
    }

    private void WriteLocked(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _stream!.Write(bytes);
            _heartbeats.Sent(NowMs);
            Metrics.Out();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            CloseLocked($"connection lost while sending: {e.Message}");
        }
    }

    private void SendTestRequestLocked(string id)
    {
        _heartbeats.TestRequestSent(id, NowMs);
        SendLocked(MsgTypes.TestRequest, new TestRequestBody(id));
    }

    private void SendLogoutLocked(string text)
    {
        if (_stream is null || _state == FixSessionState.LogoutSent)
        {
            return;
        }

        SendLocked(MsgTypes.Logout, new LogoutBody(text));
        _heartbeats.LogoutSent(NowMs);
        if (_stream is not null)
        {
            SetState(FixSessionState.LogoutSent, $"logout sent: {text}");
        }
    }

    private void SendRejectLocked(long refSeq, ReadOnlySpan<byte> refMsgType, int reason, int refTag, string text)
    {
        Metrics.RejectSent();
        LogProblem(_log, Name, $"rejected message {refSeq}: {text}");
        SendLocked(MsgTypes.Reject, new RejectBody(refSeq, refMsgType.ToArray(), reason, refTag, text));
    }

    /// <summary>
    /// Answers a ResendRequest: application messages again with PossDupFlag=Y and their OrigSendingTime, each
    /// run of administrative, no longer kept or declined (<see cref="IFixApplication.ShouldResend"/>) messages as one
    /// SequenceReset-GapFill.
    /// </summary>
    private void ResendLocked(long begin, long end)
    {
        var last = _store.NextSenderSeq - 1;
        if (end == 0 || end > last)
        {
            end = last;
        }

        LogResending(_log, Name, begin, end);
        long gapStart = 0;
        for (var seq = Math.Max(begin, 1); seq <= end && _stream is not null; seq++)
        {
            if (_store.TryGet(seq, out var stored) && IsApplication(stored) && _app.ShouldResend(this, new FixMessageView(stored), seq))
            {
                if (gapStart != 0)
                {
                    SendGapFillLocked(gapStart, seq);
                    gapStart = 0;
                }

                ResendOneLocked(stored, seq);
            }
            else if (gapStart == 0)
            {
                gapStart = seq;
            }
        }

        if (gapStart != 0)
        {
            SendGapFillLocked(gapStart, end + 1);
        }
    }

    private static bool IsApplication(byte[] stored)
    {
        var view = new FixMessageView(stored);
        return view.TryGet(FixWire.MsgType, out var type) && !MsgTypes.IsSessionLevel(type);
    }

    private void SendGapFillLocked(long seq, long newSeqNo)
    {
        _resendWriter.Start(_begin, MsgTypes.SequenceReset);
        WriteHeader(_resendWriter, seq, possDup: true, default);
        _resendWriter.Add(Tag.GapFillFlag, "Y"u8).Add(Tag.NewSeqNo, newSeqNo);
        WriteLocked(_resendWriter.Finish());
    }

    private void ResendOneLocked(byte[] stored, long seq)
    {
        var view = new FixMessageView(stored);
        view.TryGet(FixWire.MsgType, out var type);
        view.TryGet(Tag.SendingTime, out var original);
        _resendWriter.Start(_begin, type);
        WriteHeader(_resendWriter, seq, possDup: true, original);
        var position = 0;
        while (view.TryReadField(ref position, out var tag, out var value))
        {
            if (tag is not (FixWire.BeginString or FixWire.BodyLength or FixWire.MsgType or FixWire.CheckSum or Tag.SenderCompId
                or Tag.TargetCompId or Tag.MsgSeqNum or Tag.SendingTime or Tag.PossDupFlag or Tag.OrigSendingTime or Tag.PossResend))
            {
                _resendWriter.Add(tag, value);
            }
        }

        Metrics.Resent();
        WriteLocked(_resendWriter.Finish());
    }
}
