namespace LowLatency.Analytics.Ml;

/// <summary>What a saved model was trained on and how it did: written beside it, checked when it is loaded.</summary>
public sealed record MlMetadata
{
    public const string CurrentFormat = "ll-ml/1";

    public string Format { get; init; } = CurrentFormat;

    public int FeatureVersion { get; init; }

    public IReadOnlyList<string> Features { get; init; } = [];

    public string Symbol { get; init; } = "";

    public string Timeframe { get; init; } = "";

    public MlOptions Options { get; init; } = new();

    public long DataFromMs { get; init; }

    public long DataToMs { get; init; }

    public int Rows { get; init; }

    public DateTimeOffset TrainedAt { get; init; }

    public IReadOnlyList<MlFoldMetrics> Folds { get; init; } = [];

    /// <summary>The last fold's out-of-sample predictions, newest last.</summary>
    public IReadOnlyList<MlOutcome> OutOfSample { get; init; } = [];
}
