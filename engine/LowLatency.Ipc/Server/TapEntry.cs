using LowLatency.Engine.Commands;
using LowLatency.Engine.State;

namespace LowLatency.Ipc.Server;

/// <summary>One output of the trading core: a record, or (when <see cref="IsResult"/>) a command's outcome.</summary>
public struct TapEntry
{
    public bool IsResult;
    public TradingRecord Record;
    public CommandResult Result;
}
