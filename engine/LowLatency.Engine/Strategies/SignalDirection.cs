namespace LowLatency.Engine.Strategies;

/// <summary>What a strategy wants its position to be after a bar.</summary>
public enum SignalDirection : byte
{
    /// <summary>No opinion: keep whatever is open.</summary>
    None,
    Long,
    Short,

    /// <summary>Close whatever is open.</summary>
    Flat,
}
