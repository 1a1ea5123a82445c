using LowLatency.Engine.Commands;
using LowLatency.Engine.State;

namespace LowLatency.Ipc.Server;

/// <summary>One output of the trading core: a record, a command's outcome (<see cref="IsResult"/>), or the whole state (<see cref="Snapshot"/> not null).</summary>
public struct TapEntry
{
    public StateSnapshot? Snapshot;
    public bool IsResult;
    public TradingRecord Record;
    public CommandResult Result;
}
