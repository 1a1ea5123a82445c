namespace LowLatency.Analytics;

/// <summary>A candle as the analyses read it: its open time (Unix ms), open, high, low, close and volume.</summary>
public readonly record struct PriceBar(long TimeMs, double Open, double High, double Low, double Close, double Volume);
