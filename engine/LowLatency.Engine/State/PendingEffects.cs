using LowLatency.Engine.Commands;

namespace LowLatency.Engine.State;

/// <summary>
/// A batch's records and command results in the order they happened, held until the batch is durable. Grows
/// (rarely: an emergency stop cancelling thousands of orders) and never shrinks, so steady trading allocates nothing.
/// </summary>
internal sealed class PendingEffects
{
    private Entry[] _entries = new Entry[1024];
    private int _count;

    public void Add(in TradingRecord record) => Next() = new Entry(false, record, default);

    public void Add(in CommandResult result) => Next() = new Entry(true, default, result);

    public void DeliverTo(ITradingListener? listener)
    {
        for (var i = 0; i < _count; i++)
        {
            ref readonly var entry = ref _entries[i];
            if (entry.IsResult)
            {
                listener?.OnCommandResult(entry.Result);
            }
            else
            {
                listener?.OnRecord(entry.Record);
            }
        }

        _count = 0;
    }

    private ref Entry Next()
    {
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        return ref _entries[_count++];
    }

    private readonly record struct Entry(bool IsResult, TradingRecord Record, CommandResult Result);
}
