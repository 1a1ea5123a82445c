namespace LowLatency.Disruptor;

/// <summary>
/// <see cref="BlockingWaitStrategy"/> that gives up after an idle period, so the consumer's
/// <see cref="ITimeoutHandler"/> runs (heartbeats, timers, flushing) when no events arrive.
/// </summary>
public sealed class TimeoutBlockingWaitStrategy : BlockingWaitStrategy
{
    public TimeoutBlockingWaitStrategy(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The idle timeout must be positive.");
        }

        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }

    public override long WaitFor(long sequence, Sequence cursor, DependentSequences dependents, SequenceBarrier barrier) =>
        WaitFor(sequence, cursor, dependents, barrier, Timeout);
}
