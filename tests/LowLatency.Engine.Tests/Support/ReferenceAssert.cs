namespace LowLatency.Engine.Tests.Support;

/// <summary>Compares a streamed indicator with a TA-Lib column: ready exactly where TA-Lib has a value, within 1e-9 there.</summary>
internal static class ReferenceAssert
{
    public const double Tolerance = 1e-9;

    /// <param name="step">Feeds bar i and returns (ready, value) for each output column, in <paramref name="columns"/> order.</param>
    public static void Matches(string[] columns, Func<Bar, (bool Ready, double[] Values)> step) => Matches("talib.csv", columns, step);

    /// <param name="file">The reference file holding <paramref name="columns"/>.</param>
    public static void Matches(string file, string[] columns, Func<Bar, (bool Ready, double[] Values)> step)
    {
        var expected = columns.Select(c => ReferenceData.Column(file, c)).ToArray();
        var bars = ReferenceData.Bars;
        Assert.That(bars, Has.Count.EqualTo(expected[0].Length));
        var checkedValues = 0;
        var worst = 0.0;
        for (var i = 0; i < bars.Count; i++)
        {
            var (ready, values) = step(bars[i]);
            for (var c = 0; c < columns.Length; c++)
            {
                if (expected[c][i] is not { } reference)
                {
                    Assert.That(ready, Is.False, $"{columns[c]}: ready at bar {i}, inside TA-Lib's warm-up");
                    continue;
                }

                Assert.That(ready, Is.True, $"{columns[c]}: not ready at bar {i}, where TA-Lib has {reference}");
                var difference = Math.Abs(values[c] - reference);
                if (!(difference <= Tolerance))
                {
                    Assert.Fail($"{columns[c]} at bar {i}: {values[c]:R} vs TA-Lib {reference:R} (|diff| {difference:E2} > {Tolerance:E0})");
                }

                worst = Math.Max(worst, difference);
                checkedValues++;
            }
        }

        Assert.That(checkedValues, Is.GreaterThan(900 * columns.Length), "compared too few values");
        TestContext.Out.WriteLine($"{file} {string.Join(", ", columns)}: {checkedValues} values, largest |diff| {worst:E2}");
    }
}
