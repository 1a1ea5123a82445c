using System.Diagnostics;

namespace LowLatency.Engine.Host.Feeds;

/// <summary>
/// One feed's figures, written by its own thread and read by the status line: messages published, messages
/// refused (bad or crossed prices), sequence gaps, when the last message came, whether it is connected.
/// </summary>
public sealed class FeedCounters
{
    private long _messages;
    private long _rejected;
    private long _gaps;
    private long _lastMessageTicks;
    private volatile bool _connected;
    private volatile string? _problem;

    public long Messages => Volatile.Read(ref _messages);

    public long Rejected => Volatile.Read(ref _rejected);

    public long Gaps => Volatile.Read(ref _gaps);

    public bool Connected => _connected;

    /// <summary>The last problem the feed reported (for operators), or null.</summary>
    public string? Problem => _problem;

    /// <summary>Milliseconds since the last message, or null before the first.</summary>
    public double? LastMessageAgeMs(long nowTicks)
    {
        var last = Volatile.Read(ref _lastMessageTicks);
        return last == 0 ? null : Stopwatch.GetElapsedTime(last, nowTicks).TotalMilliseconds;
    }

    /// <summary>The feed's thread only (single writer: plain increments, published with a volatile write).</summary>
    public void Published(long arrivalTicks)
    {
        Volatile.Write(ref _messages, _messages + 1);
        Volatile.Write(ref _lastMessageTicks, arrivalTicks);
    }

    public void Refused() => Interlocked.Increment(ref _rejected);

    public void Gap() => Interlocked.Increment(ref _gaps);

    public void SetConnected(bool connected) => _connected = connected;

    public void SetProblem(string? problem) => _problem = problem;
}
