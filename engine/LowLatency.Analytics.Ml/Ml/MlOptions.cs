namespace LowLatency.Analytics.Ml;

/// <summary>
/// Training settings: the label horizon in bars (direction of close[t + h] against close[t], and the log return),
/// walk-forward folds, the embargo in bars between a training row's label window and the test fold, the seed, the
/// trees and leaves of the gradient-boosted model, and the probability band inside which a prediction is neutral.
/// </summary>
public sealed record MlOptions(int Horizon = 5, int Folds = 4, int Embargo = 5, int Seed = 42, int Trees = 100, int Leaves = 16, double NeutralBand = 0.05)
{
    public void Validate()
    {
        if (Horizon is < 1 or > 100 || Folds is < 2 or > 10 || Embargo is < 0 or > 100 || Trees is < 10 or > 1000 || Leaves is < 2 or > 128 || NeutralBand is < 0 or > 0.4)
        {
            throw new ArgumentException("horizon 1–100 bars, folds 2–10, embargo 0–100 bars, trees 10–1000, leaves 2–128, neutral band 0–0.4");
        }
    }
}
