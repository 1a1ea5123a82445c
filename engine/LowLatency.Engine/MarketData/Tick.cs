namespace LowLatency.Engine.MarketData;

/// <summary>A quote-and-trade update in fixed point: prices in whole ticks, size in whole lots of the instrument.</summary>
public struct Tick
{
    public int InstrumentId;
    public long TimestampMs;
    public long BidTicks;
    public long AskTicks;
    public long LastTicks;
    public long SizeLots;
}
