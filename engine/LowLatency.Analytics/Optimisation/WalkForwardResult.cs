namespace LowLatency.Analytics.Optimisation;

/// <summary>A fold's best point judged on data it was not chosen on: its score, whether the constraints held, and what the judge reports.</summary>
public readonly record struct WalkForwardResult(double Score, bool Feasible, object? Detail);
