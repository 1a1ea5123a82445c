namespace LowLatency.Disruptor;

/// <summary>
/// Spins, then yields, then sleeps between checks. Nearly idle CPU when there is no traffic, at the cost
/// of up to a scheduler tick of latency: for background stages such as journaling or metrics.
/// </summary>
public sealed class SleepingWaitStrategy : IWaitStrategy
{
    private const int SpinTries = 100;
    private const int YieldTries = 100;

    public bool IsBlockingStrategy => false;

    public long WaitFor(long sequence, Sequence cursor, DependentSequences dependents, SequenceBarrier barrier)
    {
        var counter = SpinTries + YieldTries;
        long available;
        while ((available = dependents.Value) < sequence)
        {
            barrier.CheckAlert();
            if (counter > YieldTries)
            {
                counter--;
                Thread.SpinWait(1);
            }
            else if (counter > 0)
            {
                counter--;
                Thread.Yield();
            }
            else
            {
                Thread.Sleep(1);
            }
        }

        return available;
    }

    public void SignalAllWhenBlocking()
    {
    }
}
