namespace LowLatency.Engine.Pipeline;

public enum EventKind : byte
{
    None,
    Tick,
    Command,
}
