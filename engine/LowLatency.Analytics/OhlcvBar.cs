namespace LowLatency.Analytics;

/// <summary>
/// The one bar type: the engine builds it from ticks (mutable fields, no allocation), the history store keeps it,
/// and every analysis reads it. <see cref="OpenTimeMs"/> is its bucket start (Unix ms, UTC).
/// </summary>
public struct OhlcvBar
{
    public long OpenTimeMs;
    public double Open;
    public double High;
    public double Low;
    public double Close;
    public double Volume;
    public int Trades;

    public OhlcvBar(long openTimeMs, double open, double high, double low, double close, double volume, int trades = 0)
    {
        (OpenTimeMs, Open, High, Low, Close, Volume, Trades) = (openTimeMs, open, high, low, close, volume, trades);
    }
}
