namespace LowLatency.Analytics.Optimisation;

/// <summary>
/// The optimiser's walk-forward loop: for each <see cref="WalkForward"/> window, a <see cref="ParameterSearch"/>
/// of the budget's share on the in-sample range, then its best feasible point judged on the out-of-sample range.
/// What a point is worth (a backtest, an objective, constraints) is the caller's; the order of folds, the seeds
/// (the request's seed plus the fold number, so a rerun repeats itself) and the progress count are this loop's.
/// </summary>
public static class WalkForwardSearch
{
    /// <summary>Scores <paramref name="values"/> on the range <paramref name="from"/> to <paramref name="to"/>.</summary>
    public delegate WalkForwardResult Judge(object[] values, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellation);

    /// <summary>Progress over the whole job: evaluations done of all of them, and the fold's best so far (null between folds).</summary>
    public delegate void Progress(int done, int total, int fold, Trial? best);

    public static List<WalkForwardFold> Run(IReadOnlyList<Dimension> space, SearchMethod method, DateTimeOffset from, DateTimeOffset to, int folds, int budget, int seed,
        Judge judge, int parallelism, Progress? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(judge);
        var windows = WalkForward.Windows(from, to, folds);
        var perFold = Math.Max(1, budget / folds);
        var total = (perFold * windows.Count) + windows.Count; // each fold's searches and its one out-of-sample judgement
        var done = 0;
        var results = new List<WalkForwardFold>(windows.Count);
        foreach (var window in windows)
        {
            var trials = ParameterSearch.Run(
                space,
                method,
                perFold,
                (values, ct) => judge(values, window.InSampleFrom, window.InSampleTo, ct) is var r ? (r.Score, r.Feasible, r.Detail) : default,
                seed + window.Fold,
                parallelism,
                p => progress?.Invoke(done + p.Done, total, window.Fold, p.Best),
                cancellation);
            done += trials.Count;
            var best = ParameterSearch.Best(trials);
            var outOfSample = best is null ? (WalkForwardResult?)null : judge(best.Values, window.OutOfSampleFrom, window.OutOfSampleTo, cancellation);
            done++;
            progress?.Invoke(done, total, window.Fold, null);
            results.Add(new WalkForwardFold(window, trials, best, outOfSample));
        }

        return results;
    }
}
