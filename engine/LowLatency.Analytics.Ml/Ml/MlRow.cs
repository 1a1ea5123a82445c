using Microsoft.ML.Data;

namespace LowLatency.Analytics.Ml;

/// <summary>One training or scoring row in ML.NET's schema.</summary>
internal sealed class MlRow
{
    [VectorType(MlFeatures.Count)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }

    /// <summary>The log return over the horizon (the regression target).</summary>
    public float Return { get; set; }
}
