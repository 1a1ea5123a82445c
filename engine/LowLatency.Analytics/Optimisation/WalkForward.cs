namespace LowLatency.Analytics.Optimisation;

/// <summary>
/// Rolling walk-forward windows: the range is cut into <c>folds + 1</c> equal segments; fold k optimises on segment
/// k (in sample) and is judged on segment k + 1 (out of sample), so every out-of-sample result comes from data the
/// optimiser never saw.
/// </summary>
public static class WalkForward
{
    public readonly record struct Window(int Fold, DateTimeOffset InSampleFrom, DateTimeOffset InSampleTo, DateTimeOffset OutOfSampleFrom, DateTimeOffset OutOfSampleTo);

    public static List<Window> Windows(DateTimeOffset from, DateTimeOffset to, int folds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 1);
        if (to <= from)
        {
            throw new ArgumentException("the range must run forwards", nameof(to));
        }

        var segment = (to - from) / (folds + 1);
        return [.. Enumerable.Range(0, folds).Select(k => new Window(k + 1, from + (segment * k), from + (segment * (k + 1)), from + (segment * (k + 1)), k + 1 == folds ? to : from + (segment * (k + 2))))];
    }
}
