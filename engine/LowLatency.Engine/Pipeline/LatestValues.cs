namespace LowLatency.Engine.Pipeline;

/// <summary>
/// The latest value per slot (an instrument's quote, a strategy's signal), written by one pipeline thread and
/// read by any other (the IPC publisher) without locks: a sequence lock per slot (odd while writing). A reader
/// that races a write retries; the writer never waits.
/// </summary>
public sealed class LatestValues<T>
    where T : struct
{
    private readonly Slot[] _slots;

    public LatestValues(int count)
    {
        _slots = new Slot[count];
    }

    public int Count => _slots.Length;

    /// <summary>The writing thread only. Out-of-range slots are ignored.</summary>
    public void Write(int index, in T value)
    {
        if ((uint)index >= (uint)_slots.Length)
        {
            return;
        }

        ref var slot = ref _slots[index];
        var version = slot.Version;
        Volatile.Write(ref slot.Version, version + 1); // odd: write in progress
        slot.Value = value;
        Volatile.Write(ref slot.Version, version + 2);
    }

    /// <summary>The slot's latest value and its version (even, grows with every write; 0 = never written).</summary>
    public long Read(int index, out T value)
    {
        ref var slot = ref _slots[index];
        while (true)
        {
            var before = Volatile.Read(ref slot.Version);
            value = slot.Value;
            Interlocked.MemoryBarrier();
            if ((before & 1) == 0 && Volatile.Read(ref slot.Version) == before)
            {
                return before;
            }

            Thread.SpinWait(1);
        }
    }

    private struct Slot
    {
        public long Version;
        public T Value;
    }
}
