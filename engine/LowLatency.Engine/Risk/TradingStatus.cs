namespace LowLatency.Engine.Risk;

/// <summary>
/// The engine's trading state. Running: everything allowed. Paused: no new risk, working orders stay.
/// Stopped: no new risk, working orders cancelled (the state at start). Halted: like stopped, entered by the
/// risk rules or an emergency stop; only an explicit start or resume leaves it.
/// </summary>
public enum TradingStatus : byte
{
    Stopped,
    Running,
    Paused,
    Halted,
}
