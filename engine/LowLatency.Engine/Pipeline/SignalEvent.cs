using LowLatency.Engine.Strategies;

namespace LowLatency.Engine.Pipeline;

/// <summary>A strategy's decision as the signal stage made it: which strategy, when (event time), what.</summary>
public struct SignalEvent
{
    public int StrategyIndex;
    public long TimeMs;
    public Signal Signal;
}
