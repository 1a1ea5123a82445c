using LowLatency.Analytics.Optimisation;

namespace LowLatency.Engine.Tests.Analytics;

/// <summary>
/// The optimiser's walk-forward loop with a judge whose best point moves with time: each fold finds its own range's
/// best in sample, is judged on the next range, counts its progress to the job's total, and repeats itself.
/// </summary>
public sealed class WalkForwardSearchTests
{
    private static readonly DateTimeOffset From = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Dimension[] Space = [Dimension.Integer("n", 0, 10)];

    // The best n on a range is the month its start falls in (January = 1, …); infeasible above 8.
    private static WalkForwardResult Judge(object[] values, DateTimeOffset from, DateTimeOffset to, CancellationToken _)
    {
        var n = Convert.ToInt32(values[0], System.Globalization.CultureInfo.InvariantCulture);
        return new WalkForwardResult(-Math.Abs(n - from.Month), n <= 8, new { n, month = from.Month });
    }

    [Test]
    public void Each_fold_is_searched_in_sample_and_judged_out_of_sample()
    {
        var progress = new List<(int Done, int Total)>();
        var folds = WalkForwardSearch.Run(Space, SearchMethod.Grid, From, From.AddMonths(8), folds: 3, budget: 33, seed: 7, Judge, parallelism: 1,
            (done, total, _, _) => progress.Add((done, total)), CancellationToken.None);

        Assert.That(folds.Select(f => f.Window.Fold), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(folds.Select(f => Convert.ToInt32(f.Best!.Values[0], System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(folds.Select(f => f.Window.InSampleFrom.Month)),
            "each fold's best is its own in-sample range's");
        foreach (var fold in folds)
        {
            Assert.That(fold.OutOfSample!.Value.Score, Is.EqualTo(-Math.Abs(fold.Window.InSampleFrom.Month - fold.Window.OutOfSampleFrom.Month)), "judged on the next range");
        }

        Assert.That(progress[^1], Is.EqualTo((36, 36)), "11 grid points and one judgement per fold, 3 folds");
        Assert.That(progress.Select(p => p.Done), Is.Ordered);
    }

    [Test]
    public void A_fold_with_no_feasible_point_has_no_best_and_no_judgement()
    {
        var folds = WalkForwardSearch.Run(Space, SearchMethod.Random, From, From.AddMonths(2), folds: 1, budget: 20, seed: 1,
            (values, from, to, ct) => Judge(values, from, to, ct) with { Feasible = false }, parallelism: 2, null, CancellationToken.None);
        Assert.That((folds.Single().Best, folds.Single().OutOfSample), Is.EqualTo(((Trial?)null, (WalkForwardResult?)null)));
    }

    [Test]
    public void The_same_request_repeats_itself()
    {
        List<object> Once() => [.. WalkForwardSearch.Run(Space, SearchMethod.Evolution, From, From.AddMonths(6), 2, 40, 42, Judge, 2, null, CancellationToken.None)
            .Select(f => f.Trials.Select(t => t.Values[0]).ToList())];
        Assert.That(Once(), Is.EqualTo(Once()));
    }
}
