using LowLatency.Engine.MarketData;

namespace LowLatency.Engine.Pipeline;

/// <summary>
/// The latest quote per instrument, written by the trading thread on every tick and read by any other thread
/// (the IPC publisher) without locks: a sequence lock per slot (odd while writing). A reader that races a write
/// retries; the writer never waits.
/// </summary>
public sealed class QuoteBoard
{
    private readonly Slot[] _slots;

    public QuoteBoard(int instrumentCount)
    {
        _slots = new Slot[instrumentCount];
    }

    public int Count => _slots.Length;

    /// <summary>Trading thread only.</summary>
    public void Write(in Tick tick)
    {
        if ((uint)tick.InstrumentId >= (uint)_slots.Length)
        {
            return;
        }

        ref var slot = ref _slots[tick.InstrumentId];
        var version = slot.Version;
        Volatile.Write(ref slot.Version, version + 1); // odd: write in progress
        slot.Tick = tick;
        Volatile.Write(ref slot.Version, version + 2);
    }

    /// <summary>
    /// The instrument's latest quote and its version (even, grows with every write; 0 = never quoted).
    /// </summary>
    public long Read(int instrumentId, out Tick tick)
    {
        ref var slot = ref _slots[instrumentId];
        while (true)
        {
            var before = Volatile.Read(ref slot.Version);
            tick = slot.Tick;
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
        public Tick Tick;
    }
}
