namespace LowLatency.Engine.Strategies;

/// <summary>One strategy's work on one event: its features (indicator stage) and its signal (signal stage).</summary>
public struct StrategySlot
{
    public int StrategyIndex;
    public long BarOpenTimeMs;
    public FeatureVector Features;
    public Signal Signal;
}
