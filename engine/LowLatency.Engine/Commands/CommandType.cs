namespace LowLatency.Engine.Commands;

public enum CommandType : byte
{
    None,
    Start,
    Stop,
    Pause,
    Resume,

    /// <summary>Halt, cancel every working order, and flatten every position when <see cref="Command.Flatten"/> is set.</summary>
    EmergencyStop,
    SubmitOrder,
    CancelOrder,
    CancelAll,
    ClosePosition,

    /// <summary>
    /// Hand the whole state to the listener (<see cref="State.ITradingListener.OnSnapshot"/>), for a consumer that
    /// lost records. Changes nothing and is not journalled.
    /// </summary>
    Snapshot,

    /// <summary>
    /// The operator lifts a halt or kill switch: the engine goes from halted to stopped (a Start then trades
    /// again). Nothing else lifts one: Start and Resume are refused while halted, so a restart never does.
    /// </summary>
    ClearHalt,

    // The last: IngestStage refuses a type above it.

    /// <summary>A cluster coordinator fences the shard's risk budget or moves it (<see cref="Risk.RiskBudgetRequest"/>); the result carries the budget and its use.</summary>
    SetRiskBudget,
}
