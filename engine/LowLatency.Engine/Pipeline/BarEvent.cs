using LowLatency.Analytics;
using LowLatency.Engine.MarketData;

namespace LowLatency.Engine.Pipeline;

/// <summary>A closed bar of one instrument.</summary>
public struct BarEvent
{
    public int InstrumentId;
    public OhlcvBar Bar;
}
