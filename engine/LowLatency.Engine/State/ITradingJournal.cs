namespace LowLatency.Engine.State;

/// <summary>Where the trading core writes each state change before applying it.</summary>
public interface ITradingJournal
{
    void Append(in TradingRecord record);

    /// <summary>End of a batch: make what was appended durable per the fsync policy.</summary>
    void Commit();
}
