namespace LowLatency.Analytics.Patterns;

/// <summary>A pattern completed at a bar: its direction (+1 bullish, −1 bearish, 0 indecision) and a strength in 0..1.</summary>
public readonly record struct PatternMatch(int Bar, long TimeMs, CandlestickPattern Pattern, int Direction, double Strength);
