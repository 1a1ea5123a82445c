namespace LowLatency.Analytics.Gann;

/// <summary>A turning point: its bar index, open time (Unix ms), price and whether it is a high.</summary>
public readonly record struct Pivot(int Bar, long TimeMs, double Price, bool IsHigh);
