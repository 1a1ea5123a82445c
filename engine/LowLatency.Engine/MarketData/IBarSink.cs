using LowLatency.Analytics;

namespace LowLatency.Engine.MarketData;

/// <summary>Receives bars as the aggregator completes them (on the aggregating thread; must not block).</summary>
public interface IBarSink
{
    void OnBarClosed(int instrumentId, Timeframe timeframe, in OhlcvBar bar);
}
