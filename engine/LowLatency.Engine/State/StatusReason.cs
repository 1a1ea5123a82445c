namespace LowLatency.Engine.State;

/// <summary>Why the trading status changed.</summary>
public enum StatusReason : byte
{
    Command,
    EmergencyStop,
    DailyLossLimit,
    DrawdownLimit,
}
