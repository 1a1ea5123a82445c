using LowLatency.Analytics.Indicators;

namespace LowLatency.Analytics.Indicators.Ehlers;

/// <summary>
/// The Ehlers reading of a candle series: every indicator of <see cref="IndicatorSet"/> replayed bar by bar (the
/// streaming classes the engine runs, so the API and the engine never disagree), the last
/// <c>reportBars</c> of them, and the signals they give: the latest MAMA/FAMA cross, the latest Fisher reversal
/// (Fisher crossing its trigger, from below zero upwards or from above zero downwards), and the Hilbert trend
/// mode (trend or cycle) with the dominant cycle period.
/// </summary>
public sealed class EhlersAnalysis
{
    private EhlersAnalysis(IReadOnlyList<OhlcvBar> bars, double[][] values, int first, EhlersSignal cross, EhlersSignal fisher)
    {
        Bars = bars;
        Values = values;
        First = first;
        MamaFamaCross = cross;
        FisherReversal = fisher;
    }

    /// <summary>The bars analysed (warm-up included).</summary>
    public IReadOnlyList<OhlcvBar> Bars { get; }

    /// <summary>Per bar, the values in <see cref="IndicatorSet.Columns"/> order (NaN inside a warm-up).</summary>
    public IReadOnlyList<double[]> Values { get; }

    /// <summary>The first reported bar; bars before it only warm the indicators up.</summary>
    public int First { get; }

    public EhlersSignal MamaFamaCross { get; }

    public EhlersSignal FisherReversal { get; }

    /// <summary>The latest value of a column (see <see cref="IndicatorSet.Columns"/>).</summary>
    public double Current(string column) => Values.Count == 0 ? double.NaN : Values[^1][Column(column)];

    /// <summary>Trend (true) or cycle (false) mode at the last bar, by Hilbert trend mode; null inside its warm-up.</summary>
    public bool? TrendMode => double.IsNaN(Current("ht_trendmode")) ? null : Current("ht_trendmode") >= 1;

    public static EhlersAnalysis Run(IReadOnlyList<OhlcvBar> bars, bool hl2, int reportBars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentOutOfRangeException.ThrowIfLessThan(reportBars, 1);
        var set = new IndicatorSet(hl2);
        var values = new double[bars.Count][];
        for (var i = 0; i < bars.Count; i++)
        {
            values[i] = new double[IndicatorSet.Columns.Count];
            set.Update(bars[i].High, bars[i].Low, bars[i].Close, values[i]);
        }

        var first = Math.Max(0, bars.Count - reportBars);
        var mama = Column("mama");
        var fama = Column("fama");
        var cross = Latest(bars, values, i => Cross(values[i - 1][mama] - values[i - 1][fama], values[i][mama] - values[i][fama]));
        var fisher = Column("fisher");
        var trigger = Column("fisher_trigger");
        var reversal = Latest(bars, values, i =>
        {
            var direction = Cross(values[i - 1][fisher] - values[i - 1][trigger], values[i][fisher] - values[i][trigger]);
            return direction switch
            {
                "bullish" when values[i - 1][fisher] < 0 => direction,
                "bearish" when values[i - 1][fisher] > 0 => direction,
                _ => null,
            };
        });
        return new EhlersAnalysis(bars, values, first, cross, reversal);
    }

    private static int Column(string name)
    {
        var index = IndicatorSet.IndexOf(name);
        return index >= 0 ? index : throw new ArgumentException($"no indicator column '{name}'", nameof(name));
    }

    // "bullish" when the difference turns from ≤ 0 to > 0, "bearish" from ≥ 0 to < 0; null otherwise or in warm-up.
    private static string? Cross(double before, double after) =>
        double.IsNaN(before) || double.IsNaN(after) ? null
        : before <= 0 && after > 0 ? "bullish"
        : before >= 0 && after < 0 ? "bearish"
        : null;

    private static EhlersSignal Latest(IReadOnlyList<OhlcvBar> bars, double[][] values, Func<int, string?> at)
    {
        for (var i = values.Length - 1; i >= 1; i--)
        {
            if (at(i) is { } direction)
            {
                return new EhlersSignal(direction, i, bars[i].OpenTimeMs, values.Length - 1 - i);
            }
        }

        return EhlersSignal.None;
    }
}
