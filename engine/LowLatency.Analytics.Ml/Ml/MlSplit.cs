namespace LowLatency.Analytics.Ml;

/// <summary>
/// Walk-forward splits with purging and an embargo (López de Prado): the labelled rows are cut into
/// <c>folds + 1</c> blocks; fold k tests on block k + 1 and trains on every earlier row whose label window
/// [t, t + horizon] ends more than <c>embargo</c> bars before the test block starts, so no training label sees
/// a test bar.
/// </summary>
public static class MlSplit
{
    public readonly record struct Fold(int Number, IReadOnlyList<int> Train, IReadOnlyList<int> Test);

    public static List<Fold> WalkForward(IReadOnlyList<int> rows, int folds, int horizon, int embargo)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var block = rows.Count / (folds + 1);
        var list = new List<Fold>();
        for (var k = 1; k <= folds; k++)
        {
            var test = rows.Skip(k * block).Take(k == folds ? rows.Count - (k * block) : block).ToList();
            if (test.Count == 0)
            {
                continue;
            }

            var testStart = test[0];
            var train = rows.Where(r => r + horizon + embargo < testStart).ToList();
            list.Add(new Fold(k, train, test));
        }

        return list;
    }
}
