namespace LowLatency.Bridge.Analytics;

/// <summary>FE type <c>Signal</c>: <c>signal</c> is BUY, SELL, NEUTRAL or CAUTION; strength 0–1.</summary>
public sealed record SignalView(string Timestamp, string Symbol, string Signal, double Strength, double Price, string Message);
