namespace LowLatency.Analytics.Ml;

/// <summary>The calibrated classifier's output.</summary>
internal sealed class MlClassification
{
    public float Probability { get; set; }
}

/// <summary>The regression's output (the predicted log return).</summary>
internal sealed class MlRegression
{
    public float Score { get; set; }
}
