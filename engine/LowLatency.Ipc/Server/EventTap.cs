using LowLatency.Disruptor;
using LowLatency.Engine.Commands;
using LowLatency.Engine.State;

namespace LowLatency.Ipc.Server;

/// <summary>
/// The trading core's listener for the link: copies every record and command result into its own single-producer
/// ring, never waiting. When the ring is full (the publisher fell far behind) the entry is dropped and counted;
/// the publisher then asks the trading thread for the whole state (a snapshot command) and rebuilds its view from it.
/// </summary>
public sealed class EventTap : ITradingListener
{
    public EventTap(int capacity = 65536)
    {
        Ring = RingBuffer<TapEntry>.CreateSingleProducer(null, capacity);
        Consumed = new Sequence();
        Ring.AddGatingSequences(Consumed);
    }

    public RingBuffer<TapEntry> Ring { get; }

    /// <summary>The last entry the publisher took.</summary>
    public Sequence Consumed { get; }

    /// <summary>Entries dropped because the ring was full.</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    private long _dropped;

    public void OnRecord(in TradingRecord record) => Publish(isResult: false, record, default, null);

    public void OnCommandResult(in CommandResult result) => Publish(isResult: true, default, result, null);

    public void OnSnapshot(StateSnapshot snapshot) => Publish(isResult: false, default, default, snapshot);

    private void Publish(bool isResult, in TradingRecord record, in CommandResult result, StateSnapshot? snapshot)
    {
        if (!Ring.TryNext(out var sequence))
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        ref var entry = ref Ring[sequence];
        entry.IsResult = isResult;
        entry.Record = record;
        entry.Result = result;
        entry.Snapshot = snapshot;
        Ring.Publish(sequence);
    }
}
