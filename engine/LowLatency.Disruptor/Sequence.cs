using System.Runtime.InteropServices;

namespace LowLatency.Disruptor;

/// <summary>
/// A 64-bit sequence counter padded to two cache lines so that a producer's cursor and each consumer's
/// progress never share a line (false sharing costs more than the rest of the hot path together).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
public sealed class Sequence
{
    /// <summary>The value of a sequence before anything has been claimed or processed.</summary>
    public const long InitialValue = -1;

    [FieldOffset(56)]
    private long _value;

    public Sequence(long initialValue = InitialValue) => _value = initialValue;

    /// <summary>Acquire read of the current value.</summary>
    public long Value => Volatile.Read(ref _value);

    /// <summary>Release write: everything written before becomes visible to a reader that sees this value.</summary>
    public void SetValue(long value) => Volatile.Write(ref _value, value);

    /// <summary>Release write followed by a full fence (store-load ordering).</summary>
    public void SetValueVolatile(long value)
    {
        Volatile.Write(ref _value, value);
        Interlocked.MemoryBarrier();
    }

    public bool CompareAndSet(long expected, long next) =>
        Interlocked.CompareExchange(ref _value, next, expected) == expected;

    public long IncrementAndGet() => Interlocked.Increment(ref _value);

    public long AddAndGet(long delta) => Interlocked.Add(ref _value, delta);

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
