namespace LowLatency.Analytics.Patterns;

/// <summary>
/// A heuristic Elliott count (stated as such): the legs since the window's most extreme pivot are waves 1–5 of
/// the move away from it (then 1–5 again, <see cref="SubWave"/> counting the cycles); targets from Fibonacci
/// ratios of wave 1; <see cref="Invalidation"/> is the start of wave 1.
/// </summary>
public sealed record ElliottReading(int CurrentWave, int SubWave, string Trend, double Wave3Target, double Wave4Target, double Wave5Target, double Invalidation);
