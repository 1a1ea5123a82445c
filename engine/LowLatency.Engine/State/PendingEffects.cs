using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;

namespace LowLatency.Engine.State;

/// <summary>
/// Effects of batches in the order they happened — records and command results for the listener, applied venue
/// reports for the venue's confirmations — held until their batch is as durable as their policy asks. Each batch's
/// entries are sealed with the journal position that ends it; delivery releases a prefix. Grows (rarely: an
/// emergency stop cancelling thousands of orders) and never shrinks, so steady trading allocates nothing.
/// </summary>
internal sealed class PendingEffects
{
    private const long Unsealed = long.MaxValue;
    private Entry[] _entries = new Entry[1024];
    private int _count;

    public void Add(in TradingRecord record) => Next() = new Entry(EntryKind.Record, Unsealed, record, default, default);

    public void Add(in CommandResult result) => Next() = new Entry(EntryKind.Result, Unsealed, default, result, default);

    public void Add(in VenueReport report) => Next() = new Entry(EntryKind.Report, Unsealed, default, default, report);

    /// <summary>The batch so far ends at journal <paramref name="position"/>.</summary>
    public void Seal(long position)
    {
        for (var i = _count - 1; i >= 0 && _entries[i].Position == Unsealed; i--)
        {
            _entries[i] = _entries[i] with { Position = position };
        }
    }

    /// <summary>Every entry, sealed or not.</summary>
    public void DeliverTo(ITradingListener? listener, IVenue? venue = null) => _ = DeliverThrough(Unsealed, listener, venue);

    /// <summary>The entries of batches that end at or before <paramref name="position"/>, in order; how many.</summary>
    public int DeliverThrough(long position, ITradingListener? listener, IVenue? venue = null)
    {
        var delivered = 0;
        while (delivered < _count && _entries[delivered].Position <= position)
        {
            ref readonly var entry = ref _entries[delivered++];
            switch (entry.Kind)
            {
                case EntryKind.Result:
                    listener?.OnCommandResult(entry.Result);
                    break;
                case EntryKind.Record:
                    listener?.OnRecord(entry.Record);
                    break;
                default:
                    venue?.Applied(entry.Report);
                    break;
            }
        }

        if (delivered > 0)
        {
            Array.Copy(_entries, delivered, _entries, 0, _count - delivered);
            _count -= delivered;
        }

        return delivered;
    }

    private ref Entry Next()
    {
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        return ref _entries[_count++];
    }

    private enum EntryKind : byte
    {
        Record,
        Result,
        Report,
    }

    private readonly record struct Entry(EntryKind Kind, long Position, TradingRecord Record, CommandResult Result, VenueReport Report);
}
