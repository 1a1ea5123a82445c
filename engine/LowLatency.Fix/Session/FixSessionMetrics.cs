namespace LowLatency.Fix.Session;

/// <summary>A session's counters, written by its I/O threads and read by anyone (health, <c>/metrics</c>).</summary>
public sealed class FixSessionMetrics
{
    private long _messagesIn;
    private long _messagesOut;
    private long _resendRequestsSent;
    private long _resendRequestsReceived;
    private long _messagesResent;
    private long _rejectsReceived;
    private long _rejectsSent;
    private long _garbledReceived;
    private long _logons;
    private long _disconnects;
    private long _lastOutTicks;

    public long MessagesIn => Volatile.Read(ref _messagesIn);

    public long MessagesOut => Volatile.Read(ref _messagesOut);

    /// <summary>
    /// When the last message's bytes were handed to the connection (a <see cref="System.Diagnostics.Stopwatch"/>
    /// timestamp), stamped by the thread that wrote them: a reader that sees <see cref="MessagesOut"/> move sees the
    /// stamp of that write or a later one, whenever it happens to look.
    /// </summary>
    public long LastOutTicks => Volatile.Read(ref _lastOutTicks);

    public long ResendRequestsSent => Volatile.Read(ref _resendRequestsSent);

    public long ResendRequestsReceived => Volatile.Read(ref _resendRequestsReceived);

    /// <summary>Messages sent again in answer to a ResendRequest (PossDupFlag=Y), gap fills not counted.</summary>
    public long MessagesResent => Volatile.Read(ref _messagesResent);

    public long RejectsReceived => Volatile.Read(ref _rejectsReceived);

    public long RejectsSent => Volatile.Read(ref _rejectsSent);

    /// <summary>Frames dropped as garbled: bad framing, BodyLength or CheckSum.</summary>
    public long GarbledReceived => Volatile.Read(ref _garbledReceived);

    public long Logons => Volatile.Read(ref _logons);

    public long Disconnects => Volatile.Read(ref _disconnects);

    internal void In() => Interlocked.Increment(ref _messagesIn);

    internal void Out()
    {
        Volatile.Write(ref _lastOutTicks, System.Diagnostics.Stopwatch.GetTimestamp());
        Interlocked.Increment(ref _messagesOut); // after the stamp, behind a full fence
    }

    internal void ResendRequestSent() => Interlocked.Increment(ref _resendRequestsSent);

    internal void ResendRequestReceived() => Interlocked.Increment(ref _resendRequestsReceived);

    internal void Resent() => Interlocked.Increment(ref _messagesResent);

    internal void RejectReceived() => Interlocked.Increment(ref _rejectsReceived);

    internal void RejectSent() => Interlocked.Increment(ref _rejectsSent);

    internal void Garbled() => Interlocked.Increment(ref _garbledReceived);

    internal void LoggedOn() => Interlocked.Increment(ref _logons);

    internal void Disconnected() => Interlocked.Increment(ref _disconnects);
}
