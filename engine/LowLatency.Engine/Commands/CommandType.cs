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
}
