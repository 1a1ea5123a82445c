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
}
