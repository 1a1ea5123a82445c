using LowLatency.Engine.Commands;

namespace LowLatency.Engine.State;

/// <summary>Sees the trading core's output on the trading thread: every state change, and every command's outcome. Must not block.</summary>
public interface ITradingListener
{
    void OnRecord(in TradingRecord record);

    void OnCommandResult(in CommandResult result);

    /// <summary>The whole state, asked for with a <see cref="CommandType.Snapshot"/> command (rare: it allocates).</summary>
    void OnSnapshot(StateSnapshot snapshot);
}
