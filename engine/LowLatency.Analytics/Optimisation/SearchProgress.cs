namespace LowLatency.Analytics.Optimisation;

/// <summary>A search's progress: trials done of the budget and the best feasible trial so far (null before one).</summary>
public readonly record struct SearchProgress(int Done, int Budget, Trial? Best);
