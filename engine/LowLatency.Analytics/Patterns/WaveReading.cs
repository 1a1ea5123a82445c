namespace LowLatency.Analytics.Patterns;

/// <summary>What <see cref="WaveAnalysis"/> reads from a series: the legs, the projection, the Elliott count, the range that scales them, and where the last pivot stands.</summary>
public sealed record WaveReading(IReadOnlyList<WaveLeg> Legs, WaveProjection Projection, ElliottReading Elliott, double AverageRange, int Pivots, long LastPivotTimeMs);
