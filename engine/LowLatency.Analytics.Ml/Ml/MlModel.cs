using System.Text.Json;
using Microsoft.ML;

namespace LowLatency.Analytics.Ml;

/// <summary>
/// A trained direction classifier (FastTree, Platt-calibrated probabilities) and return regression with their
/// metadata; saved as <c>classifier.zip</c>, <c>regression.zip</c> and <c>metadata.json</c> in one directory.
/// Loading a model of another format or feature version is refused with the reason.
/// </summary>
public sealed class MlModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private readonly MLContext _ml;
    private readonly ITransformer _classifier;
    private readonly ITransformer _regression;
    private readonly Lock _lock = new();
    private PredictionEngine<MlRow, MlClassification>? _classify;
    private PredictionEngine<MlRow, MlRegression>? _regress;

    internal MlModel(MLContext ml, ITransformer classifier, ITransformer regression, MlMetadata metadata)
    {
        (_ml, _classifier, _regression, Metadata) = (ml, classifier, regression, metadata);
    }

    public MlMetadata Metadata { get; }

    /// <summary>The probability of a rise over the horizon and the predicted log return, for one feature row.</summary>
    public (double Probability, double ExpectedReturn) Predict(float[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length != MlFeatures.Count)
        {
            throw new ArgumentException($"expected {MlFeatures.Count} features, got {features.Length}", nameof(features));
        }

        // Prediction engines are costly to build and not thread-safe: one pair, built once, used under the lock.
        lock (_lock)
        {
            _classify ??= _ml.Model.CreatePredictionEngine<MlRow, MlClassification>(_classifier);
            _regress ??= _ml.Model.CreatePredictionEngine<MlRow, MlRegression>(_regression);
            var row = new MlRow { Features = features };
            return (_classify.Predict(row).Probability, _regress.Predict(row).Score);
        }
    }

    /// <summary>−1, 0 or +1: a rise above ½ + band, a fall below ½ − band, neutral between.</summary>
    public int Direction(double probability) =>
        probability > 0.5 + Metadata.Options.NeutralBand ? 1 : probability < 0.5 - Metadata.Options.NeutralBand ? -1 : 0;

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var schema = _ml.Data.LoadFromEnumerable(Array.Empty<MlRow>()).Schema;
        _ml.Model.Save(_classifier, schema, Path.Combine(directory, "classifier.zip"));
        _ml.Model.Save(_regression, schema, Path.Combine(directory, "regression.zip"));
        File.WriteAllText(Path.Combine(directory, "metadata.json"), JsonSerializer.Serialize(Metadata, Json));
    }

    /// <summary>The model in <paramref name="directory"/>; null when there is none; <see cref="InvalidDataException"/> when it cannot be used.</summary>
    public static MlModel? Load(string directory)
    {
        var meta = Path.Combine(directory, "metadata.json");
        if (!File.Exists(meta))
        {
            return null;
        }

        var metadata = JsonSerializer.Deserialize<MlMetadata>(File.ReadAllText(meta), Json) ?? throw new InvalidDataException($"{meta}: empty metadata");
        if (metadata.Format != MlMetadata.CurrentFormat)
        {
            throw new InvalidDataException($"{directory}: model format '{metadata.Format}', this build reads '{MlMetadata.CurrentFormat}'; retrain it (POST /api/ml/train)");
        }

        if (metadata.FeatureVersion != MlFeatures.Version)
        {
            throw new InvalidDataException($"{directory}: trained on feature version {metadata.FeatureVersion}, this build computes version {MlFeatures.Version}; retrain it (POST /api/ml/train)");
        }

        var ml = new MLContext(metadata.Options.Seed);
        var classifier = ml.Model.Load(Path.Combine(directory, "classifier.zip"), out _);
        var regression = ml.Model.Load(Path.Combine(directory, "regression.zip"), out _);
        return new MlModel(ml, classifier, regression, metadata);
    }
}
