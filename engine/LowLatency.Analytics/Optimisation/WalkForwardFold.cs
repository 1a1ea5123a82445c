namespace LowLatency.Analytics.Optimisation;

/// <summary>One fold of <see cref="WalkForwardSearch"/>: its window, every in-sample trial, the best feasible one (null when none was), and how that best did out of sample.</summary>
public sealed record WalkForwardFold(WalkForward.Window Window, IReadOnlyList<Trial> Trials, Trial? Best, WalkForwardResult? OutOfSample);
