using System.Runtime.InteropServices;

namespace LowLatency.Disruptor;

/// <summary>
/// Sequencer for exactly one producer thread: claiming is plain arithmetic, no atomic instructions.
/// Claims must be published in order before the next claim.
/// </summary>
public sealed class SingleProducerSequencer : Sequencer
{
    private ProducerState _state = new() { NextValue = Sequence.InitialValue, CachedGatingValue = Sequence.InitialValue };

    public SingleProducerSequencer(int bufferSize, IWaitStrategy waitStrategy)
        : base(bufferSize, waitStrategy)
    {
    }

    public override long Next(int n)
    {
        ValidateClaimSize(n);
        var nextValue = _state.NextValue;
        var next = nextValue + n;
        var wrapPoint = next - BufferSize;
        var cachedGating = _state.CachedGatingValue;

        if (wrapPoint > cachedGating || cachedGating > nextValue)
        {
            // Store-load fence: our last publish must be visible before we read consumer progress.
            Interlocked.MemoryBarrier();
            var spin = default(SpinWait);
            long minSequence;
            while (wrapPoint > (minSequence = SequenceMath.Minimum(GatingSequences, nextValue)))
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }

            _state.CachedGatingValue = minSequence;
        }

        _state.NextValue = next;
        return next;
    }

    public override bool TryNext(int n, out long sequence)
    {
        ValidateClaimSize(n);
        if (!HasCapacity(n))
        {
            sequence = default;
            return false;
        }

        sequence = _state.NextValue += n;
        return true;
    }

    public override bool HasAvailableCapacity(int requiredCapacity) => HasCapacity(requiredCapacity);

    public override long RemainingCapacity()
    {
        var produced = _state.NextValue;
        var consumed = SequenceMath.Minimum(GatingSequences, produced);
        return BufferSize - (produced - consumed);
    }

    public override void Publish(long sequence)
    {
        Cursor.SetValue(sequence);
        SignalConsumers();
    }

    public override void Publish(long lo, long hi) => Publish(hi);

    public override bool IsAvailable(long sequence)
    {
        var cursor = Cursor.Value;
        return sequence <= cursor && sequence > cursor - BufferSize;
    }

    public override long GetHighestPublishedSequence(long lowerBound, long availableSequence) => availableSequence;

    private bool HasCapacity(int requiredCapacity)
    {
        var nextValue = _state.NextValue;
        var wrapPoint = nextValue + requiredCapacity - BufferSize;
        var cachedGating = _state.CachedGatingValue;
        if (wrapPoint > cachedGating || cachedGating > nextValue)
        {
            Interlocked.MemoryBarrier();
            var minSequence = SequenceMath.Minimum(GatingSequences, nextValue);
            _state.CachedGatingValue = minSequence;
            return wrapPoint <= minSequence;
        }

        return true;
    }

    /// <summary>The producer's private counters, padded away from the fields consumers read.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct ProducerState
    {
        [FieldOffset(64)]
        public long NextValue;

        [FieldOffset(72)]
        public long CachedGatingValue;
    }
}
