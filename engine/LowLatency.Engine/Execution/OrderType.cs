namespace LowLatency.Engine.Execution;

public enum OrderType : byte
{
    Market,
    Limit,
    Stop,
    StopLimit,
}
