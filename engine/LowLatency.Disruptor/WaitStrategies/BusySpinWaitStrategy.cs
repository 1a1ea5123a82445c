namespace LowLatency.Disruptor;

/// <summary>
/// Spins on the dependent sequence with a CPU pause hint. Lowest latency; burns a whole core, so use
/// it only for threads pinned to cores of their own.
/// </summary>
public sealed class BusySpinWaitStrategy : IWaitStrategy
{
    public bool IsBlockingStrategy => false;

    public long WaitFor(long sequence, Sequence cursor, DependentSequences dependents, SequenceBarrier barrier)
    {
        long available;
        while ((available = dependents.Value) < sequence)
        {
            barrier.CheckAlert();
            Thread.SpinWait(1);
        }

        return available;
    }

    public void SignalAllWhenBlocking()
    {
    }
}
