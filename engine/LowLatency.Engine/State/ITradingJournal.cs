namespace LowLatency.Engine.State;

/// <summary>Where the trading core writes each state change before applying it.</summary>
public interface ITradingJournal
{
    void Append(in TradingRecord record);

    /// <summary>End of a batch: make what was appended durable per the fsync policy, on this thread.</summary>
    void Commit();

    /// <summary>
    /// End of a batch when a syncer works beside the trading thread: what was appended goes to the OS and is asked
    /// to be synced; returns the journal position that ends the batch. Without a syncer: <see cref="Commit"/>.
    /// </summary>
    long Write()
    {
        Commit();
        return 0;
    }

    /// <summary>How far the journal is durable per its fsync policy (everything, for a journal that syncs in <see cref="Commit"/>).</summary>
    long DurablePosition => long.MaxValue;
}
