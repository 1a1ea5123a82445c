namespace LowLatency.Analytics.Optimisation;

/// <summary>One evaluated point: its unit coordinates, decoded values, score (higher is better), feasibility and whatever the evaluator reports.</summary>
public sealed record Trial(int Number, double[] Coordinates, object[] Values, double Score, bool Feasible, object? Detail);
