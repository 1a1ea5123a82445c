namespace LowLatency.Disruptor;

/// <summary>How a consumer waits for the sequence it needs next.</summary>
public interface IWaitStrategy
{
    /// <summary>
    /// True when consumers park and producers must signal them on publish; spinning strategies say
    /// false, so publishing costs them nothing.
    /// </summary>
    bool IsBlockingStrategy { get; }

    /// <summary>
    /// Waits until <paramref name="dependents"/> reach <paramref name="sequence"/> and returns the
    /// highest sequence they reached, or <see cref="SequenceBarrier.TimedOut"/> for timeout strategies.
    /// </summary>
    /// <exception cref="AlertException">The barrier was alerted.</exception>
    long WaitFor(long sequence, Sequence cursor, DependentSequences dependents, SequenceBarrier barrier);

    /// <summary>Wakes consumers blocked in <see cref="WaitFor"/> (after a publish or an alert).</summary>
    void SignalAllWhenBlocking();
}
