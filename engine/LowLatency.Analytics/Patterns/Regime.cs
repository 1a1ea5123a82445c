namespace LowLatency.Analytics.Patterns;

/// <summary>A regime reading: its name, ADX, and the latest and median ATR as shares of price.</summary>
public sealed record Regime(string Name, double Adx, double AtrShare, double MedianAtrShare);
