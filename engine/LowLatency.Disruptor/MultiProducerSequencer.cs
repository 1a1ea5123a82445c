namespace LowLatency.Disruptor;

/// <summary>
/// Sequencer for any number of producer threads. Claims are one atomic add on the cursor; each slot
/// records the lap in which it was published, so consumers see only contiguous published runs.
/// </summary>
public sealed class MultiProducerSequencer : Sequencer
{
    private readonly Sequence _gatingSequenceCache = new();
    private readonly int[] _availableBuffer;
    private readonly int _indexMask;
    private readonly int _indexShift;

    public MultiProducerSequencer(int bufferSize, IWaitStrategy waitStrategy)
        : base(bufferSize, waitStrategy)
    {
        _availableBuffer = new int[bufferSize];
        _indexMask = bufferSize - 1;
        _indexShift = SequenceMath.Log2(bufferSize);
        Array.Fill(_availableBuffer, -1);
    }

    public override long Next(int n)
    {
        ValidateClaimSize(n);
        var next = Cursor.AddAndGet(n);
        var current = next - n;
        var wrapPoint = next - BufferSize;
        var cachedGating = _gatingSequenceCache.Value;

        if (wrapPoint > cachedGating || cachedGating > current)
        {
            var spin = default(SpinWait);
            long gatingSequence;
            while (wrapPoint > (gatingSequence = SequenceMath.Minimum(GatingSequences, current)))
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }

            _gatingSequenceCache.SetValue(gatingSequence);
        }

        return next;
    }

    public override bool TryNext(int n, out long sequence)
    {
        ValidateClaimSize(n);
        long current;
        long next;
        do
        {
            current = Cursor.Value;
            next = current + n;
            if (!HasCapacity(n, current))
            {
                sequence = default;
                return false;
            }
        }
        while (!Cursor.CompareAndSet(current, next));

        sequence = next;
        return true;
    }

    public override bool HasAvailableCapacity(int requiredCapacity) => HasCapacity(requiredCapacity, Cursor.Value);

    public override long RemainingCapacity()
    {
        var produced = Cursor.Value;
        var consumed = SequenceMath.Minimum(GatingSequences, produced);
        return BufferSize - (produced - consumed);
    }

    public override void Publish(long sequence)
    {
        SetAvailable(sequence);
        SignalConsumers();
    }

    public override void Publish(long lo, long hi)
    {
        for (var sequence = lo; sequence <= hi; sequence++)
        {
            SetAvailable(sequence);
        }

        SignalConsumers();
    }

    public override bool IsAvailable(long sequence)
    {
        var index = (int)(sequence & _indexMask);
        var flag = (int)(sequence >>> _indexShift);
        return Volatile.Read(ref _availableBuffer[index]) == flag;
    }

    public override long GetHighestPublishedSequence(long lowerBound, long availableSequence)
    {
        for (var sequence = lowerBound; sequence <= availableSequence; sequence++)
        {
            if (!IsAvailable(sequence))
            {
                return sequence - 1;
            }
        }

        return availableSequence;
    }

    private void SetAvailable(long sequence)
    {
        var index = (int)(sequence & _indexMask);
        var flag = (int)(sequence >>> _indexShift);
        Volatile.Write(ref _availableBuffer[index], flag);
    }

    private bool HasCapacity(int requiredCapacity, long cursorValue)
    {
        var wrapPoint = cursorValue + requiredCapacity - BufferSize;
        var cachedGating = _gatingSequenceCache.Value;
        if (wrapPoint > cachedGating || cachedGating > cursorValue)
        {
            var minSequence = SequenceMath.Minimum(GatingSequences, cursorValue);
            _gatingSequenceCache.SetValue(minSequence);
            return wrapPoint <= minSequence;
        }

        return true;
    }
}
