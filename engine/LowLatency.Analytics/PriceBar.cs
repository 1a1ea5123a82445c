namespace LowLatency.Analytics;

/// <summary>The part of a candle the analyses read: its open time (Unix ms) and high, low, close.</summary>
public readonly record struct PriceBar(long TimeMs, double High, double Low, double Close);
