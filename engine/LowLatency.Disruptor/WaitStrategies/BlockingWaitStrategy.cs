namespace LowLatency.Disruptor;

/// <summary>
/// Parks the consumer on a monitor until a producer publishes. No CPU while idle; wake-up costs a few
/// microseconds. Producers only take the lock when a consumer has announced it is parking.
/// </summary>
public class BlockingWaitStrategy : IWaitStrategy
{
    private readonly object _gate = new();
    private int _signalNeeded;

    public bool IsBlockingStrategy => true;

    public virtual long WaitFor(long sequence, Sequence cursor, DependentSequences dependents, SequenceBarrier barrier) =>
        WaitFor(sequence, cursor, dependents, barrier, Timeout.InfiniteTimeSpan);

    public void SignalAllWhenBlocking()
    {
        // Interlocked.Exchange is a full fence: the publish before it cannot be reordered after this read.
        if (Interlocked.Exchange(ref _signalNeeded, 0) != 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Shared wait: parks on the cursor (optionally with a timeout), then spins on slower dependents.</summary>
    protected long WaitFor(long sequence, Sequence cursor, DependentSequences dependents, SequenceBarrier barrier, TimeSpan timeout)
    {
        if (cursor.Value < sequence)
        {
            lock (_gate)
            {
                while (cursor.Value < sequence)
                {
                    // Announce before the re-check: a publisher that misses the flag must have published first.
                    Interlocked.Exchange(ref _signalNeeded, 1);
                    if (cursor.Value >= sequence)
                    {
                        break;
                    }

                    barrier.CheckAlert();
                    if (!Monitor.Wait(_gate, timeout))
                    {
                        return SequenceBarrier.TimedOut;
                    }
                }
            }
        }

        // Upstream stages do not signal; spin and yield on them, but never Sleep(1): that adds a millisecond per hop.
        var spin = default(SpinWait);
        long available;
        while ((available = dependents.Value) < sequence)
        {
            barrier.CheckAlert();
            spin.SpinOnce(sleep1Threshold: -1);
        }

        return available;
    }
}
