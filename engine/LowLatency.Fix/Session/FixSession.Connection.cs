using System.Buffers;
using System.IO.Pipelines;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Session;

/// <summary>One connection's life: logon, the receive loop with framing, the heartbeat timer, and closing.</summary>
public sealed partial class FixSession
{
    private Stream? _stream;
    private CancellationTokenSource? _connection;
    private bool _everActive;
    private bool _resetSent;
    private string? _closeReason;
    private byte[] _contiguous = new byte[4096];

    private static long NowMs => Environment.TickCount64;

    private void BeginConnectionLocked(DateTime window)
    {
        _closeReason = null;
        _inbound.Disconnected();
        _heartbeats.Connected(NowMs);
        var reset = _options.ResetOnLogon;
        _resetSent = reset;
        if (reset)
        {
            ResetSequencesLocked(_options.Schedule.IsAlways ? DateTime.UtcNow : window);
        }

        SendLocked(MsgTypes.Logon, new LogonBody(_options.HeartBtIntSeconds, reset, _options.Username, _options.Password));
        SetState(FixSessionState.LogonSent, "logon sent");
    }

    /// <summary>Ends the connection (if any) with <paramref name="reason"/>; the run loop reconnects unless stopped.</summary>
    private void CloseLocked(string reason)
    {
        if (_stream is null)
        {
            _lastEvent = reason;
            return;
        }

        _closeReason ??= reason;
        _lastEvent = _closeReason;
        var wasActive = _state is FixSessionState.Active or FixSessionState.LogoutSent;
        try
        {
            _stream.Dispose();
        }
        catch (IOException)
        {
            // Closing a broken connection.
        }

        _stream = null;
        _connection?.Cancel();
        _connection = null;
        PersistTargetLocked();
        _store.Flush();
        Metrics.Disconnected();
        LogEvent(_log, Name, _closeReason);
        SetState(FixSessionState.Connecting, _closeReason);
        if (wasActive)
        {
            _deliveries.Logout(_closeReason);
        }
    }

    private async Task ReceiveLoopAsync(Stream stream, CancellationToken token)
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 65536, leaveOpen: true));
        try
        {
            while (!token.IsCancellationRequested)
            {
                var result = await reader.ReadAsync(token).ConfigureAwait(false);
                var buffer = result.Buffer;
                var consumed = Frame(buffer);
                reader.AdvanceTo(buffer.GetPosition(consumed), buffer.End);
                if (result.IsCompleted)
                {
                    lock (_gate)
                    {
                        _closeReason ??= "connection closed by the counterparty";
                    }

                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            lock (_gate)
            {
                _closeReason ??= token.IsCancellationRequested ? "closed" : $"connection lost: {e.Message}";
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Processes every whole message in <paramref name="buffer"/>; returns how many bytes were used.</summary>
    private long Frame(ReadOnlySequence<byte> buffer)
    {
        ReadOnlySpan<byte> span;
        if (buffer.IsSingleSegment)
        {
            span = buffer.FirstSpan;
        }
        else
        {
            // Rare: a message across two segments of the pipe; copy into a buffer kept for the purpose.
            var length = (int)Math.Min(buffer.Length, FixFrame.MaxBodyLength + 64);
            if (_contiguous.Length < length)
            {
                _contiguous = new byte[Math.Max(length, _contiguous.Length * 2)];
            }

            buffer.Slice(0, length).CopyTo(_contiguous);
            span = _contiguous.AsSpan(0, length);
        }

        var used = 0;
        while (used < span.Length)
        {
            var rest = span[used..];
            var status = FixFrame.TryRead(rest, out var length);
            if (status == FrameStatus.Incomplete)
            {
                break;
            }

            if (status == FrameStatus.Complete)
            {
                lock (_gate)
                {
                    _heartbeats.Received(NowMs);
                    if (_stream is not null)
                    {
                        Metrics.In();
                        ReceiveLocked(rest[..length]);
                    }
                }

                Deliver(); // outside the lock: a waiting application never holds up the session
                used += length;
                continue;
            }

            // Garbled, a wrong BodyLength or a bad CheckSum: the session spec says ignore it (no Reject, no
            // sequence number consumed); the gap it leaves is asked for again when the next message arrives.
            Metrics.Garbled();
            LogProblem(_log, Name, $"ignored a garbled message ({status})");
            var next = FixFrame.NextStart(rest);
            if (next < 0)
            {
                // Keep a trailing '8' that could start the next message; drop the rest.
                used += rest[^1] == (byte)'8' ? rest.Length - 1 : rest.Length;
                break;
            }

            used += next;
        }

        return used;
    }

    /// <summary>
    /// The heartbeat timer, on a thread of its own: neither a busy thread pool nor an application holding up a
    /// delivery can stop heartbeats. It never delivers to the application (the receive thread does).
    /// </summary>
    private Task StartTimer(CancellationToken token)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                while (!token.WaitHandle.WaitOne(100))
                {
                    lock (_gate)
                    {
                        if (_stream is null)
                        {
                            return;
                        }

                        OnTimerLocked(NowMs);
                    }
                }
            }
            finally
            {
                ended.TrySetResult();
            }
        }) { IsBackground = true, Name = $"ll-fix-timer-{Name}" };
        thread.Start();
        return ended.Task;
    }

    private void OnTimerLocked(long now)
    {
        PersistTargetLocked();
        var due = _heartbeats.Due(now, _state, _state != FixSessionState.Active || _options.Schedule.IsOpen(DateTime.UtcNow));
        if (due.HasFlag(TimerDue.CloseNoLogonAnswer))
        {
            CloseLocked($"no Logon answer within {_options.LogonTimeout.TotalSeconds:0.#} s");
        }
        else if (due.HasFlag(TimerDue.CloseNoLogoutAnswer))
        {
            CloseLocked("no Logout answer; closed");
        }
        else if (due.HasFlag(TimerDue.LogoutEndOfSchedule))
        {
            SendLogoutLocked("end of the session schedule");
        }
        else if (due.HasFlag(TimerDue.CloseTestRequestUnanswered))
        {
            CloseLocked($"no answer to TestRequest {_heartbeats.PendingTestRequest} within the heartbeat interval");
        }
        else if (due.HasFlag(TimerDue.SendTestRequest))
        {
            SendTestRequestLocked($"TEST-{now}"); // counts as sending: no Heartbeat besides
        }
        else if (due.HasFlag(TimerDue.SendHeartbeat))
        {
            SendLocked(MsgTypes.Heartbeat, new HeartbeatBody(null));
        }
    }
}
