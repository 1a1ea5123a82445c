using LowLatency.Analytics.Optimisation;

namespace LowLatency.Engine.Tests.Analytics;

/// <summary>The optimiser on synthetic objectives with known optima: every method finds it, constraints hold, a seed repeats, cancel and progress work.</summary>
public sealed class ParameterSearchTests
{
    private static readonly Dimension[] Space = [Dimension.Continuous("x", 0, 1), Dimension.Integer("n", 0, 20), Dimension.Categorical("mode", ["a", "b", "c"])];

    // Optimum at x = 0.3, n = 7, mode = "b".
    private static (double, bool, object?) Bowl(object[] v, CancellationToken _) =>
        (-Math.Pow((double)v[0] - 0.3, 2) - (Math.Pow((int)v[1] - 7, 2) / 100) - ((string)v[2] == "b" ? 0 : 0.5), true, null);

    [TestCase(SearchMethod.Grid, 700)]
    [TestCase(SearchMethod.Random, 600)]
    [TestCase(SearchMethod.Evolution, 300)]
    public void Each_method_finds_the_known_optimum(SearchMethod method, int budget)
    {
        var trials = ParameterSearch.Run(Space, method, budget, Bowl, seed: 1, parallelism: 2, null, CancellationToken.None);
        Assert.That(trials, Has.Count.LessThanOrEqualTo(budget));
        var best = ParameterSearch.Best(trials)!;
        Assert.That((double)best.Values[0], Is.EqualTo(0.3).Within(0.06), $"{method}: x");
        Assert.That((int)best.Values[1], Is.InRange(6, 8), $"{method}: n");
        Assert.That(best.Values[2], Is.EqualTo("b"));
    }

    [TestCase(SearchMethod.Random)]
    [TestCase(SearchMethod.Evolution)]
    [TestCase(SearchMethod.Grid)]
    public void Constraints_exclude_the_better_but_infeasible_region(SearchMethod method)
    {
        // The score grows with x, but x > 0.5 breaks the constraint: the answer sits at the boundary.
        (double, bool, object?) Rising(object[] v, CancellationToken _) => ((double)v[0], (double)v[0] <= 0.5, null);
        var trials = ParameterSearch.Run([Dimension.Continuous("x", 0, 1)], method, 200, Rising, seed: 3, parallelism: 2, null, CancellationToken.None);
        var best = ParameterSearch.Best(trials)!;
        Assert.That((double)best.Values[0], Is.InRange(0.45, 0.5));
        Assert.That(trials.Any(t => !t.Feasible), Is.True, "the search did look beyond the constraint");
    }

    [Test]
    public void The_same_seed_gives_the_same_trials_whatever_the_parallelism()
    {
        var one = ParameterSearch.Run(Space, SearchMethod.Evolution, 120, Bowl, seed: 42, parallelism: 1, null, CancellationToken.None);
        var four = ParameterSearch.Run(Space, SearchMethod.Evolution, 120, Bowl, seed: 42, parallelism: 4, null, CancellationToken.None);
        Assert.That(four.Select(t => t.Score), Is.EqualTo(one.Select(t => t.Score)));
        var other = ParameterSearch.Run(Space, SearchMethod.Evolution, 120, Bowl, seed: 43, parallelism: 1, null, CancellationToken.None);
        Assert.That(other.Select(t => t.Score), Is.Not.EqualTo(one.Select(t => t.Score)));
    }

    [Test]
    public void Progress_counts_up_to_the_budget_and_cancel_stops_the_search()
    {
        var seen = new List<SearchProgress>();
        ParameterSearch.Run(Space, SearchMethod.Random, 50, Bowl, seed: 5, parallelism: 2, seen.Add, CancellationToken.None);
        Assert.That(seen.Select(p => p.Done), Is.Ordered.And.Contains(50));
        Assert.That(seen[^1].Best, Is.Not.Null);

        using var cancel = new CancellationTokenSource();
        var calls = 0;
        (double, bool, object?) Counting(object[] v, CancellationToken token)
        {
            if (Interlocked.Increment(ref calls) == 10)
            {
                cancel.Cancel();
            }

            return Bowl(v, token);
        }

        Assert.That(() => ParameterSearch.Run(Space, SearchMethod.Random, 10_000, Counting, seed: 5, parallelism: 2, null, cancel.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(calls, Is.LessThan(100));
    }

    [Test]
    public void Walk_forward_windows_never_overlap_their_out_of_sample()
    {
        var from = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var windows = WalkForward.Windows(from, from.AddDays(400), 3);
        Assert.That(windows, Has.Count.EqualTo(3));
        Assert.That(windows.All(w => w.InSampleTo <= w.OutOfSampleFrom && w.OutOfSampleFrom < w.OutOfSampleTo), Is.True);
        Assert.That(windows[^1].OutOfSampleTo, Is.EqualTo(from.AddDays(400)));
        Assert.That(windows[1].InSampleFrom, Is.EqualTo(windows[0].OutOfSampleFrom), "rolling: the next fold learns on the last one's test segment");
    }
}
