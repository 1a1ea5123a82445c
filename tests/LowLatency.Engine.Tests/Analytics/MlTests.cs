using LowLatency.Analytics;
using LowLatency.Analytics.Ml;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.Analytics;

/// <summary>
/// The ML pipeline on the reference bars: no feature or label sees the future, the walk-forward splits are purged
/// and embargoed, the same seed gives the same model, saved models round-trip and a model of another feature
/// version is refused.
/// </summary>
public sealed class MlTests
{
    private static readonly MlOptions Fast = new(Horizon: 5, Folds: 3, Embargo: 5, Seed: 7, Trees: 30, Leaves: 8);

    private static List<OhlcvBar> Bars() =>
        [.. ReferenceData.Bars.Select((b, i) => new OhlcvBar(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i).ToUnixTimeMilliseconds(), b.Open, b.High, b.Low, b.Close, b.Volume))];

    [Test]
    public void Changing_the_future_changes_no_earlier_feature_row()
    {
        var bars = Bars();
        var before = MlFeatures.Build(bars);
        const int cut = 600;
        var altered = bars.Select((b, i) => i <= cut ? b : b with { Open = b.Open * 1.5, High = b.High * 1.6, Low = b.Low * 1.4, Close = b.Close * 1.5, Volume = b.Volume * 3 }).ToList();
        var after = MlFeatures.Build(altered);
        for (var i = 0; i <= cut; i++)
        {
            Assert.That(after[i], Is.EqualTo(before[i]), $"row {i} changed when only bars after {cut} did");
        }

        Assert.That(Enumerable.Range(cut + 1, 50).Any(i => !after[i]!.SequenceEqual(before[i]!)), Is.True, "the later rows do change: the test can fail");
        Assert.That(before.Take(63).All(r => r is null), Is.True, "warm-up rows are empty");
        Assert.That(before.Skip(63).First(), Has.Length.EqualTo(MlFeatures.Count));
    }

    [Test]
    public void Training_rows_end_their_label_window_before_the_test_fold_by_the_embargo()
    {
        var features = MlFeatures.Build(Bars());
        var rows = MlTrainer.LabelledRows(features, features.Length, Fast.Horizon);
        Assert.That(rows[^1] + Fast.Horizon, Is.LessThan(features.Length), "every label is inside the series");
        foreach (var fold in MlSplit.WalkForward(rows, 4, horizon: 5, embargo: 5))
        {
            Assert.That(fold.Train, Is.Not.Empty);
            Assert.That(fold.Train.Max() + 5 + 5, Is.LessThan(fold.Test.Min()), $"fold {fold.Number}");
        }
    }

    [Test]
    public void The_same_seed_gives_the_same_model_and_it_round_trips_through_disk()
    {
        var bars = Bars();
        var one = MlTrainer.Train("TEST", "1d", bars, Fast, null, CancellationToken.None);
        var two = MlTrainer.Train("TEST", "1d", bars, Fast, null, CancellationToken.None);
        Assert.That(two.Metadata.Folds, Is.EqualTo(one.Metadata.Folds));
        var last = MlFeatures.Build(bars)[^1]!;
        Assert.That(two.Predict(last), Is.EqualTo(one.Predict(last)));

        foreach (var fold in one.Metadata.Folds)
        {
            Assert.That(fold.Accuracy, Is.InRange(0.0, 1.0));
            Assert.That(fold.Brier, Is.InRange(0.0, 1.0));
            Assert.That(fold.LogLoss, Is.GreaterThan(0));
            Assert.That(fold.TrainRows, Is.GreaterThan(0));
        }

        Assert.That(one.Metadata.OutOfSample, Is.Not.Empty);
        Assert.That(one.Metadata.OutOfSample.Select(o => o.Probability), Is.All.InRange(0.0, 1.0));

        var directory = Directory.CreateTempSubdirectory("ll-ml-").FullName;
        try
        {
            one.Save(directory);
            var loaded = MlModel.Load(directory)!;
            Assert.That(loaded.Predict(last), Is.EqualTo(one.Predict(last)));
            Assert.That(loaded.Metadata.Features, Is.EqualTo(MlFeatures.Names));

            var meta = Path.Combine(directory, "metadata.json");
            File.WriteAllText(meta, File.ReadAllText(meta).Replace($"\"featureVersion\": {MlFeatures.Version}", "\"featureVersion\": 999", StringComparison.Ordinal));
            var refused = Assert.Throws<InvalidDataException>(() => MlModel.Load(directory))!;
            Assert.That(refused.Message, Does.Contain("feature version 999").And.Contain("retrain"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void Too_little_history_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MlTrainer.Train("TEST", "1d", [.. Bars().Take(120)], Fast, null, CancellationToken.None));
        Assert.Throws<ArgumentException>(() => MlTrainer.Train("TEST", "1d", Bars(), Fast with { Horizon = 0 }, null, CancellationToken.None));
    }
}
