namespace LowLatency.Analytics.Optimisation;

/// <summary>
/// Searches a parameter space for the highest feasible score within a budget of evaluations, evaluating each
/// batch in parallel (the evaluator must be thread-safe: a backtest per call is). Grid fits the points per
/// dimension to the budget; random draws uniform points; evolution is a (μ/μ, λ) evolution strategy in the unit
/// cube: λ children sampled around the mean with step σ, the mean moved to the average of the μ best, σ widened
/// when a generation improves on the best and narrowed otherwise (the one-fifth success rule). Deterministic for a
/// seed whatever the parallelism: points are drawn before a batch runs and trials are numbered in draw order.
/// </summary>
public static class ParameterSearch
{
    /// <summary>Scores a point (its decoded values); return <c>Feasible = false</c> when a constraint fails.</summary>
    public delegate (double Score, bool Feasible, object? Detail) Evaluator(object[] values, CancellationToken cancellation);

    public static List<Trial> Run(
        IReadOnlyList<Dimension> space,
        SearchMethod method,
        int budget,
        Evaluator evaluate,
        int seed,
        int parallelism,
        Action<SearchProgress>? progress,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(evaluate);
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, 1);
        if (space.Count == 0)
        {
            throw new ArgumentException("nothing to search: the space has no dimensions", nameof(space));
        }

        var trials = new List<Trial>();
        var random = new Random(seed);
        void RunBatch(List<double[]> points)
        {
            var results = new Trial[points.Count];
            Parallel.For(0, points.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellation }, i =>
            {
                var values = Decode(space, points[i]);
                var (score, feasible, detail) = evaluate(values, cancellation);
                results[i] = new Trial(trials.Count + i + 1, points[i], values, double.IsFinite(score) ? score : double.NegativeInfinity, feasible && double.IsFinite(score), detail);
            });
            trials.AddRange(results);
            progress?.Invoke(new SearchProgress(trials.Count, budget, Best(trials)));
        }

        switch (method)
        {
            case SearchMethod.Grid:
                foreach (var batch in Grid(space, budget).Chunk(Math.Max(1, parallelism * 2)))
                {
                    cancellation.ThrowIfCancellationRequested();
                    RunBatch([.. batch]);
                }

                break;
            case SearchMethod.Random:
                while (trials.Count < budget)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var n = Math.Min(Math.Max(1, parallelism * 2), budget - trials.Count);
                    RunBatch([.. Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, space.Count).Select(_ => random.NextDouble()).ToArray())]);
                }

                break;
            default:
                Evolve(space.Count, budget, random, RunBatch, () => trials, cancellation);
                break;
        }

        return trials;
    }

    /// <summary>The best feasible trial (highest score, earliest on ties); null when none is feasible.</summary>
    public static Trial? Best(IEnumerable<Trial> trials) =>
        trials.Where(t => t.Feasible).OrderByDescending(t => t.Score).ThenBy(t => t.Number).FirstOrDefault();

    private static object[] Decode(IReadOnlyList<Dimension> space, double[] point) => [.. space.Select((d, i) => d.Decode(point[i]))];

    private static IEnumerable<double[]> Grid(IReadOnlyList<Dimension> space, int budget)
    {
        // The largest points-per-dimension whose grid fits the budget (at least 2 where the budget allows).
        var points = 1;
        while (space.Aggregate(1L, (n, d) => n * d.GridCoordinates(points + 1).Count) <= budget && points < 1000)
        {
            points++;
        }

        var axes = space.Select(d => d.GridCoordinates(points)).ToList();
        var index = new int[axes.Count];
        while (true)
        {
            yield return [.. axes.Select((a, i) => a[index[i]])];
            var k = 0;
            while (k < axes.Count && ++index[k] == axes[k].Count)
            {
                index[k++] = 0;
            }

            if (k == axes.Count)
            {
                yield break;
            }
        }
    }

    private static void Evolve(int dimensions, int budget, Random random, Action<List<double[]>> runBatch, Func<List<Trial>> trials, CancellationToken cancellation)
    {
        var lambda = Math.Max(4, 4 + (int)(3 * Math.Log(dimensions)));
        var mu = lambda / 2;
        var mean = Enumerable.Range(0, dimensions).Select(_ => random.NextDouble()).ToArray();
        var sigma = 0.3;
        var best = double.NegativeInfinity;
        while (trials().Count < budget)
        {
            cancellation.ThrowIfCancellationRequested();
            var n = Math.Min(lambda, budget - trials().Count);
            var children = Enumerable.Range(0, n).Select(_ => mean.Select(m => Math.Clamp(m + (sigma * Gaussian(random)), 0, 1)).ToArray()).ToList();
            var before = trials().Count;
            runBatch(children);
            var generation = trials().Skip(before).OrderByDescending(t => t.Feasible).ThenByDescending(t => t.Score).Take(Math.Min(mu, n)).ToList();
            mean = [.. Enumerable.Range(0, dimensions).Select(d => generation.Average(t => t.Coordinates[d]))];
            var top = generation.Where(t => t.Feasible).Select(t => t.Score).DefaultIfEmpty(double.NegativeInfinity).Max();
            sigma = Math.Clamp(top > best ? sigma * 1.5 : sigma * 0.82, 0.01, 0.5);
            best = Math.Max(best, top);
        }
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
