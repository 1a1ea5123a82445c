namespace LowLatency.Disruptor;

/// <summary>
/// Coordinates one consumer with the producer cursor and the consumers it depends on: it answers
/// "which sequences may I process now?" and carries the alert used to halt the consumer.
/// </summary>
public sealed class SequenceBarrier
{
    /// <summary>Returned by <see cref="WaitFor"/> when a timeout wait strategy woke without progress.</summary>
    public const long TimedOut = long.MinValue;

    private readonly Sequencer _sequencer;
    private readonly IWaitStrategy _waitStrategy;
    private readonly Sequence _cursor;
    private readonly DependentSequences _dependents;
    private readonly bool _publishedUpToCursor;
    private volatile bool _alerted;

    internal SequenceBarrier(Sequencer sequencer, IWaitStrategy waitStrategy, Sequence cursor, Sequence[] dependencies)
    {
        _sequencer = sequencer;
        _waitStrategy = waitStrategy;
        _cursor = cursor;
        _dependents = new DependentSequences(cursor, dependencies);
        _publishedUpToCursor = sequencer is SingleProducerSequencer;
    }

    public IWaitStrategy WaitStrategy => _waitStrategy;

    public bool IsAlerted => _alerted;

    /// <summary>The highest sequence every dependency has reached (not necessarily published, for multi-producer rings).</summary>
    public long DependentSequence => _dependents.Value;

    /// <summary>
    /// Waits until <paramref name="sequence"/> is available and returns the highest sequence that may be
    /// processed (which may exceed the one asked for: that is a batch), or <see cref="TimedOut"/>.
    /// </summary>
    /// <exception cref="AlertException">The barrier was alerted while waiting.</exception>
    public long WaitFor(long sequence)
    {
        CheckAlert();

        // Fast path: when the entries are already there, skip the wait strategy's call altogether.
        var available = _dependents.Value;
        if (available < sequence)
        {
            available = _waitStrategy.WaitFor(sequence, _cursor, _dependents, this);
            if (available < sequence)
            {
                return available;
            }
        }

        // A single producer's cursor only moves on publish, so everything up to it is readable.
        return _publishedUpToCursor ? available : _sequencer.GetHighestPublishedSequence(sequence, available);
    }

    /// <summary>Wakes the waiting consumer with an <see cref="AlertException"/>.</summary>
    public void Alert()
    {
        _alerted = true;
        _waitStrategy.SignalAllWhenBlocking();
    }

    public void ClearAlert() => _alerted = false;

    public void CheckAlert()
    {
        if (_alerted)
        {
            ThrowAlert();
        }
    }

    private static void ThrowAlert() => throw AlertException.Instance;
}
