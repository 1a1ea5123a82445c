namespace LowLatency.History;

/// <summary>What the store holds of an instrument and timeframe: first and last bar open times (Unix ms), how many bars, from which sources.</summary>
public sealed record BarCoverage(long FirstMs, long LastMs, long Bars, IReadOnlyList<string> Sources);
