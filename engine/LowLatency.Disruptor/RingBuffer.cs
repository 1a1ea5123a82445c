using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LowLatency.Disruptor;

/// <summary>
/// A pre-allocated ring of entries that producers claim, fill and publish, and consumers read in place.
/// Entries are never replaced: reference-type entries are created once by a factory and reused;
/// value-type entries live inline in the array and are accessed by <c>ref</c>, so neither allocates per event.
/// </summary>
/// <typeparam name="T">The entry type: a class (created by a factory) or a struct (accessed by ref).</typeparam>
public sealed class RingBuffer<T>
{
    private readonly T[] _entries;
    private readonly long _indexMask;

    // Padding slots either side keep the live entries off the cache lines of neighbouring heap objects.
    // An instance field, not a static: shared generic code (reference entries) would look a static up per access.
    private readonly int _bufferPad;
    private readonly Sequencer _sequencer;

    // The common single-producer case calls the sealed type directly, so claims and publishes inline.
    private readonly SingleProducerSequencer? _singleProducer;

    private RingBuffer(Sequencer sequencer, Func<T>? factory)
    {
        _sequencer = sequencer;
        _singleProducer = sequencer as SingleProducerSequencer;
        _indexMask = sequencer.BufferSize - 1;
        _bufferPad = Math.Max(1, 128 / Math.Max(1, Unsafe.SizeOf<T>()));
        _entries = new T[sequencer.BufferSize + (2 * _bufferPad)];
        if (factory is not null)
        {
            for (var i = 0; i < sequencer.BufferSize; i++)
            {
                _entries[_bufferPad + i] = factory();
            }
        }
        else if (!typeof(T).IsValueType)
        {
            throw new ArgumentNullException(nameof(factory), "A ring of reference-type entries needs a factory to pre-allocate them.");
        }
    }

    /// <summary>A ring for one producer thread.</summary>
    /// <param name="factory">Creates each entry once; may be null for value-type entries (they start as <c>default</c>).</param>
    public static RingBuffer<T> CreateSingleProducer(Func<T>? factory, int bufferSize, IWaitStrategy? waitStrategy = null) =>
        new(new SingleProducerSequencer(bufferSize, waitStrategy ?? new BlockingWaitStrategy()), factory);

    /// <summary>A ring for any number of producer threads.</summary>
    /// <param name="factory">Creates each entry once; may be null for value-type entries (they start as <c>default</c>).</param>
    public static RingBuffer<T> CreateMultiProducer(Func<T>? factory, int bufferSize, IWaitStrategy? waitStrategy = null) =>
        new(new MultiProducerSequencer(bufferSize, waitStrategy ?? new BlockingWaitStrategy()), factory);

    /// <summary>Creates a ring for the given producer type.</summary>
    public static RingBuffer<T> Create(ProducerType producerType, Func<T>? factory, int bufferSize, IWaitStrategy? waitStrategy = null) =>
        producerType == ProducerType.Single
            ? CreateSingleProducer(factory, bufferSize, waitStrategy)
            : CreateMultiProducer(factory, bufferSize, waitStrategy);

    public int BufferSize => _sequencer.BufferSize;

    public Sequencer Sequencer => _sequencer;

    /// <summary>See <see cref="Sequencer.Cursor"/>.</summary>
    public long Cursor => _sequencer.Cursor.Value;

    /// <summary>The entry for <paramref name="sequence"/>, by reference (no bounds check: the mask keeps it in range).</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_entries), _bufferPad + (nint)(sequence & _indexMask));
    }

    /// <inheritdoc cref="Sequencer.Next()"/>
    public long Next() => _singleProducer is { } single ? single.Next(1) : _sequencer.Next(1);

    /// <inheritdoc cref="Sequencer.Next(int)"/>
    public long Next(int n) => _singleProducer is { } single ? single.Next(n) : _sequencer.Next(n);

    /// <inheritdoc cref="Sequencer.TryNext(out long)"/>
    public bool TryNext(out long sequence) => _sequencer.TryNext(1, out sequence);

    /// <inheritdoc cref="Sequencer.TryNext(int, out long)"/>
    public bool TryNext(int n, out long sequence) => _sequencer.TryNext(n, out sequence);

    /// <summary>
    /// Claims the next slot, yielding the processor while the ring is full, until the <see cref="System.Diagnostics.Stopwatch"/>
    /// timestamp <paramref name="deadline"/> passes (false; <see cref="long.MaxValue"/> waits as long as it takes):
    /// for producers beside the pipeline, which may wait for a consumer but must not burn a core doing it.
    /// </summary>
    public bool TryNext(out long sequence, long deadline)
    {
        while (!_sequencer.TryNext(1, out sequence))
        {
            if (System.Diagnostics.Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            Thread.Yield();
        }

        return true;
    }

    public void Publish(long sequence)
    {
        if (_singleProducer is { } single)
        {
            single.Publish(sequence);
        }
        else
        {
            _sequencer.Publish(sequence);
        }
    }

    public void Publish(long lo, long hi)
    {
        if (_singleProducer is { } single)
        {
            single.Publish(hi);
        }
        else
        {
            _sequencer.Publish(lo, hi);
        }
    }

    public bool HasAvailableCapacity(int requiredCapacity) => _sequencer.HasAvailableCapacity(requiredCapacity);

    public long RemainingCapacity() => _sequencer.RemainingCapacity();

    public void AddGatingSequences(params Sequence[] sequences) => _sequencer.AddGatingSequences(sequences);

    public bool RemoveGatingSequence(Sequence sequence) => _sequencer.RemoveGatingSequence(sequence);

    public long GetMinimumGatingSequence() => _sequencer.GetMinimumGatingSequence();

    /// <summary>A barrier on the cursor and <paramref name="dependencies"/>, using the ring's default wait strategy.</summary>
    public SequenceBarrier NewBarrier(params Sequence[] dependencies) => _sequencer.NewBarrier(null, dependencies);

    /// <summary>A barrier with its own wait strategy (one strategy per stage).</summary>
    public SequenceBarrier NewBarrier(IWaitStrategy? waitStrategy, params Sequence[] dependencies) =>
        _sequencer.NewBarrier(waitStrategy, dependencies);
}
