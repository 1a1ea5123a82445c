using LowLatency.Engine.MarketData;

namespace LowLatency.Bridge.Engine;

/// <summary>Closed bars are not kept yet by the read model (clients see the forming candle); a sink that drops them.</summary>
internal sealed class NoBarSink : IBarSink
{
    public void OnBarClosed(int instrumentId, Timeframe timeframe, in OhlcvBar bar)
    {
    }
}
