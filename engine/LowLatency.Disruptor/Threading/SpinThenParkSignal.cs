using System.Diagnostics;

namespace LowLatency.Disruptor.Threading;

/// <summary>
/// Wakes one consumer thread that drains a queue: the consumer spins for a while after its last wake-up before it
/// parks, so a producer that signals within that window costs neither side a system call (a parked thread takes
/// a scheduler wake-up, far slower than a hand-off through memory). The producer releases the semaphore only when
/// the consumer really parked: the two flags are set and read in opposite orders behind full fences (Dekker), so
/// at least one side sees the other and no signal is lost.
/// </summary>
public sealed class SpinThenParkSignal(TimeSpan spin) : IDisposable
{
    private readonly long _spinTicks = (long)(spin.TotalSeconds * Stopwatch.Frequency);
    private readonly SemaphoreSlim _park = new(0);
    private int _pending;
    private int _parked;

    /// <summary>There is work (call after making it visible, for example after an enqueue). Any thread; never blocks.</summary>
    public void Signal()
    {
        Interlocked.Exchange(ref _pending, 1); // a full fence before reading _parked
        if (Volatile.Read(ref _parked) == 1 && Interlocked.Exchange(ref _parked, 0) == 1)
        {
            _park.Release();
        }
    }

    /// <summary>Returns once signalled since the last return (spinning, then parked); throws when <paramref name="token"/> is cancelled while parked.</summary>
    public void Wait(CancellationToken token)
    {
        var deadline = Stopwatch.GetTimestamp() + _spinTicks;
        var spinner = default(SpinWait);
        while (true)
        {
            if (Interlocked.Exchange(ref _pending, 0) == 1)
            {
                return;
            }

            if (Stopwatch.GetTimestamp() >= deadline)
            {
                break;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        Interlocked.Exchange(ref _parked, 1); // a full fence before reading _pending
        if (Interlocked.Exchange(ref _pending, 0) == 1)
        {
            if (Interlocked.Exchange(ref _parked, 0) == 0)
            {
                _park.Wait(token); // the producer saw us parked and is releasing: take that release now
            }

            return;
        }

        _park.Wait(token);
        Interlocked.Exchange(ref _pending, 0);
    }

    public void Dispose() => _park.Dispose();
}
