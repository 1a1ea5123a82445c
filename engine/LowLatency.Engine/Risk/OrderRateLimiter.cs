namespace LowLatency.Engine.Risk;

/// <summary>At most N orders in any rolling second of event time: a ring of the last N acceptance times.</summary>
public sealed class OrderRateLimiter
{
    private readonly long[] _times;
    private long _count;

    public OrderRateLimiter(int maxPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerSecond, 1);
        _times = new long[maxPerSecond];
    }

    /// <summary>True when one more order at <paramref name="timeMs"/> stays within the limit.</summary>
    public bool CanAccept(long timeMs) => _count < _times.Length || timeMs - _times[_count % _times.Length] >= 1000;

    public void Record(long timeMs)
    {
        _times[_count % _times.Length] = timeMs;
        _count++;
    }
}
