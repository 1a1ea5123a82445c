namespace LowLatency.Analytics.Ml;

/// <summary>An out-of-sample prediction and what then happened: the bar, the probability of a rise, the direction called and the realised one.</summary>
public sealed record MlOutcome(long TimeMs, double Probability, int Predicted, int Actual, double RealisedReturn);
