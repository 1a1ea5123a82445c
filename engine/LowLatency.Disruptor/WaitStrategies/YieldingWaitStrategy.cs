namespace LowLatency.Disruptor;

/// <summary>
/// Spins briefly, then yields the core to any other ready thread between checks. Near busy-spin latency
/// while letting other threads run, which matters when threads outnumber cores.
/// </summary>
public sealed class YieldingWaitStrategy : IWaitStrategy
{
    private const int SpinTries = 100;

    public bool IsBlockingStrategy => false;

    public long WaitFor(long sequence, Sequence cursor, DependentSequences dependents, SequenceBarrier barrier)
    {
        var counter = SpinTries;
        long available;
        while ((available = dependents.Value) < sequence)
        {
            barrier.CheckAlert();
            if (counter > 0)
            {
                counter--;
                Thread.SpinWait(1);
            }
            else
            {
                Thread.Yield();
            }
        }

        return available;
    }

    public void SignalAllWhenBlocking()
    {
    }
}
