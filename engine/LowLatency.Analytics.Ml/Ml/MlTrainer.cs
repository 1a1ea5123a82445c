using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace LowLatency.Analytics.Ml;

/// <summary>
/// Trains the direction classifier and the return regression on a candle series: walk-forward evaluation first
/// (<see cref="MlSplit"/>: purged, embargoed; per fold accuracy, AUC, log-loss, Brier score and return RMSE, out of
/// sample), then the final models on every labelled row. FastTree on one thread with a seeded context: the same
/// data, options and seed give the same model.
/// </summary>
public static class MlTrainer
{
    /// <summary>The feature rows with a known label: warm-up over and t + horizon inside the series.</summary>
    public static List<int> LabelledRows(float[]?[] features, int count, int horizon) =>
        [.. Enumerable.Range(0, count).Where(i => features[i] is not null && i + horizon < count)];

    public static MlModel Train(string symbol, string timeframe, IReadOnlyList<OhlcvBar> bars, MlOptions options, Action<double>? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var features = MlFeatures.Build(bars);
        var rows = LabelledRows(features, bars.Count, options.Horizon);
        if (rows.Count < 100)
        {
            throw new ArgumentException($"{rows.Count} labelled rows: at least 100 are needed (more history, or a shorter horizon)");
        }

        MlRow Row(int i) => new()
        {
            Features = features[i]!,
            Label = bars[i + options.Horizon].Close > bars[i].Close,
            Return = (float)Math.Log(bars[i + options.Horizon].Close / bars[i].Close),
        };

        var ml = new MLContext(options.Seed);
        var folds = MlSplit.WalkForward(rows, options.Folds, options.Horizon, options.Embargo);
        var metrics = new List<MlFoldMetrics>();
        var outcomes = new List<MlOutcome>();
        for (var f = 0; f < folds.Count; f++)
        {
            cancellation.ThrowIfCancellationRequested();
            var fold = folds[f];
            if (fold.Train.Count < 50)
            {
                continue;
            }

            var (classifier, regression) = Fit(ml, fold.Train.Select(Row), options);
            var test = fold.Test.Select(Row).ToList();
            var scored = classifier.Transform(ml.Data.LoadFromEnumerable(test));
            var probabilities = ml.Data.CreateEnumerable<MlClassification>(scored, reuseRowObject: false).Select(p => (double)p.Probability).ToList();
            var returns = ml.Data.CreateEnumerable<MlRegression>(regression.Transform(ml.Data.LoadFromEnumerable(test)), reuseRowObject: false).Select(r => (double)r.Score).ToList();
            metrics.Add(Measure(fold, test, probabilities, returns));
            if (f == folds.Count - 1)
            {
                outcomes.AddRange(fold.Test.Select((bar, k) => new MlOutcome(
                    bars[bar].OpenTimeMs, Math.Round(probabilities[k], 6), probabilities[k] > 0.5 + options.NeutralBand ? 1 : probabilities[k] < 0.5 - options.NeutralBand ? -1 : 0,
                    test[k].Label ? 1 : -1, Math.Round(test[k].Return, 8))));
            }

            progress?.Invoke((f + 1.0) / (folds.Count + 1));
        }

        cancellation.ThrowIfCancellationRequested();
        var (finalClassifier, finalRegression) = Fit(ml, rows.Select(Row), options);
        progress?.Invoke(1);
        return new MlModel(ml, finalClassifier, finalRegression, new MlMetadata
        {
            FeatureVersion = MlFeatures.Version,
            Features = MlFeatures.Names,
            Symbol = symbol,
            Timeframe = timeframe,
            Options = options,
            DataFromMs = bars[0].OpenTimeMs,
            DataToMs = bars[^1].OpenTimeMs,
            Rows = rows.Count,
            TrainedAt = DateTimeOffset.UtcNow,
            Folds = metrics,
            OutOfSample = outcomes,
        });
    }

    private static (ITransformer Classifier, ITransformer Regression) Fit(MLContext ml, IEnumerable<MlRow> rows, MlOptions options)
    {
        var data = ml.Data.LoadFromEnumerable(rows.ToList());
        var classifier = ml.BinaryClassification.Trainers.FastTree(Trees(new FastTreeBinaryTrainer.Options { LabelColumnName = nameof(MlRow.Label) }, options)).Fit(data);
        var regression = ml.Regression.Trainers.FastTree(Trees(new FastTreeRegressionTrainer.Options { LabelColumnName = nameof(MlRow.Return) }, options)).Fit(data);
        return (classifier, regression);
    }

    // The shared tree settings; one thread, so the seeded context gives the same trees every time.
    private static T Trees<T>(T trees, MlOptions options)
        where T : BoostedTreeOptions
    {
        trees.NumberOfTrees = options.Trees;
        trees.NumberOfLeaves = options.Leaves;
        trees.MinimumExampleCountPerLeaf = 10;
        trees.LearningRate = 0.1;
        trees.NumberOfThreads = 1;
        trees.FeatureColumnName = nameof(MlRow.Features);
        return trees;
    }

    private static MlFoldMetrics Measure(MlSplit.Fold fold, List<MlRow> test, List<double> probabilities, List<double> returns)
    {
        var n = test.Count;
        var y = test.Select(t => t.Label ? 1.0 : 0.0).ToList();
        var accuracy = Enumerable.Range(0, n).Count(i => (probabilities[i] > 0.5) == test[i].Label) / (double)n;
        var logLoss = -Enumerable.Range(0, n).Average(i => (y[i] * Math.Log(Math.Clamp(probabilities[i], 1e-15, 1))) + ((1 - y[i]) * Math.Log(Math.Clamp(1 - probabilities[i], 1e-15, 1))));
        var brier = Enumerable.Range(0, n).Average(i => Math.Pow(probabilities[i] - y[i], 2));
        var rmse = Math.Sqrt(Enumerable.Range(0, n).Average(i => Math.Pow(returns[i] - test[i].Return, 2)));
        return new MlFoldMetrics(fold.Number, fold.Train.Count, n, Math.Round(accuracy, 6), Round(Auc(y, probabilities)), Math.Round(logLoss, 6), Math.Round(brier, 6), Math.Round(rmse, 8));
    }

    // The probability that a random rise scores above a random fall (ties count half); NaN with one class only.
    private static double Auc(List<double> y, List<double> p)
    {
        var positives = Enumerable.Range(0, y.Count).Where(i => y[i] > 0).Select(i => p[i]).ToList();
        var negatives = Enumerable.Range(0, y.Count).Where(i => y[i] <= 0).Select(i => p[i]).ToList();
        if (positives.Count == 0 || negatives.Count == 0)
        {
            return double.NaN;
        }

        var wins = positives.Sum(a => negatives.Sum(b => a > b ? 1.0 : a == b ? 0.5 : 0));
        return wins / ((double)positives.Count * negatives.Count);
    }

    private static double Round(double v) => double.IsFinite(v) ? Math.Round(v, 6) : double.NaN;
}
