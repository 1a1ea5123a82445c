namespace LowLatency.Disruptor;

/// <summary>
/// Hands out sequences of a ring to producers and tracks which are published. Producers never claim a
/// slot that a gating consumer has not yet processed.
/// </summary>
public abstract class Sequencer
{
    private readonly Lock _setupLock = new();
    private Sequence[] _gatingSequences = [];
    private IWaitStrategy[] _strategiesToSignal = [];

    protected Sequencer(int bufferSize, IWaitStrategy defaultWaitStrategy)
    {
        if (!SequenceMath.IsPowerOfTwo(bufferSize))
        {
            throw new ArgumentOutOfRangeException(nameof(bufferSize), bufferSize, "The buffer size must be a positive power of two.");
        }

        ArgumentNullException.ThrowIfNull(defaultWaitStrategy);
        BufferSize = bufferSize;
        DefaultWaitStrategy = defaultWaitStrategy;
        RegisterForSignal(defaultWaitStrategy);
    }

    public int BufferSize { get; }

    /// <summary>The wait strategy of barriers created without one of their own.</summary>
    public IWaitStrategy DefaultWaitStrategy { get; }

    /// <summary>
    /// The producer cursor. Single producer: the highest published sequence. Multi producer: the highest
    /// claimed sequence (publication is tracked per slot).
    /// </summary>
    public Sequence Cursor { get; } = new();

    protected Sequence[] GatingSequences => Volatile.Read(ref _gatingSequences);

    /// <summary>Claims the next sequence, waiting for capacity if the ring is full.</summary>
    public long Next() => Next(1);

    /// <summary>Claims <paramref name="n"/> sequences and returns the highest; the batch is [result - n + 1, result].</summary>
    public abstract long Next(int n);

    /// <summary>Claims the next sequence if there is capacity, without waiting.</summary>
    public bool TryNext(out long sequence) => TryNext(1, out sequence);

    /// <summary>Claims <paramref name="n"/> sequences if there is capacity for all of them, without waiting.</summary>
    public abstract bool TryNext(int n, out long sequence);

    public abstract void Publish(long sequence);

    public abstract void Publish(long lo, long hi);

    public abstract bool IsAvailable(long sequence);

    /// <summary>The highest contiguous published sequence in [<paramref name="lowerBound"/>, <paramref name="availableSequence"/>].</summary>
    public abstract long GetHighestPublishedSequence(long lowerBound, long availableSequence);

    /// <summary>Whether <paramref name="requiredCapacity"/> slots could be claimed now.</summary>
    public abstract bool HasAvailableCapacity(int requiredCapacity);

    /// <summary>Slots free for producers right now.</summary>
    public abstract long RemainingCapacity();

    /// <summary>The smallest sequence among the gating consumers (or the cursor if there are none).</summary>
    public long GetMinimumGatingSequence() => SequenceMath.Minimum(GatingSequences, Cursor.Value);

    /// <summary>Adds consumers whose progress limits how far producers may wrap.</summary>
    public void AddGatingSequences(params Sequence[] sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        lock (_setupLock)
        {
            var cursor = Cursor.Value;
            foreach (var sequence in sequences)
            {
                // A consumer added late starts at the cursor, so it never blocks wrap on slots it will not read.
                sequence.SetValue(cursor);
            }

            Volatile.Write(ref _gatingSequences, [.. _gatingSequences, .. sequences]);
        }
    }

    public bool RemoveGatingSequence(Sequence sequence)
    {
        lock (_setupLock)
        {
            var current = _gatingSequences;
            var remaining = Array.FindAll(current, s => !ReferenceEquals(s, sequence));
            Volatile.Write(ref _gatingSequences, remaining);
            return remaining.Length != current.Length;
        }
    }

    /// <summary>Creates a barrier that waits on the cursor and on <paramref name="dependencies"/>.</summary>
    public SequenceBarrier NewBarrier(IWaitStrategy? waitStrategy, params Sequence[] dependencies)
    {
        var strategy = waitStrategy ?? DefaultWaitStrategy;
        RegisterForSignal(strategy);
        return new SequenceBarrier(this, strategy, Cursor, dependencies);
    }

    protected void ValidateClaimSize(int n)
    {
        if (n < 1 || n > BufferSize)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "Claim between 1 and the buffer size.");
        }
    }

    /// <summary>Wakes consumers parked in blocking wait strategies; free when none block.</summary>
    protected void SignalConsumers()
    {
        var strategies = _strategiesToSignal;
        for (var i = 0; i < strategies.Length; i++)
        {
            strategies[i].SignalAllWhenBlocking();
        }
    }

    private void RegisterForSignal(IWaitStrategy strategy)
    {
        if (!strategy.IsBlockingStrategy)
        {
            return;
        }

        lock (_setupLock)
        {
            if (Array.IndexOf(_strategiesToSignal, strategy) < 0)
            {
                Volatile.Write(ref _strategiesToSignal, [.. _strategiesToSignal, strategy]);
            }
        }
    }
}
