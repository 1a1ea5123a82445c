namespace LowLatency.Engine.MarketData;

/// <summary>An OHLCV bar; <see cref="OpenTimeMs"/> is its bucket start (Unix ms, UTC).</summary>
public struct OhlcvBar
{
    public long OpenTimeMs;
    public double Open;
    public double High;
    public double Low;
    public double Close;
    public double Volume;
    public int Trades;

    /// <summary>The bar as the analytics library reads it: the one conversion between the engine's bar and <see cref="Analytics.PriceBar"/>.</summary>
    public readonly Analytics.PriceBar ToPriceBar() => new(OpenTimeMs, Open, High, Low, Close, Volume);
}
