using LowLatency.Analytics.Astro;
using LowLatency.Analytics.Gann;
using LowLatency.Analytics.Indicators;

namespace LowLatency.Analytics.Ml;

/// <summary>
/// The model's features, one row per bar, each computed only from that bar and earlier ones (the streaming
/// indicators are fed in order; windows look back): log returns over 1, 5, 10 and 20 bars; RSI(14); MACD histogram,
/// ATR(14), Cyber Cycle and MAMA − FAMA relative to the close; Fisher; Hilbert trend mode and dominant period;
/// distance to the Square-of-9 levels around the price (centred on the trailing 100-bar extreme nearer the
/// close); volume against its trailing 20-bar mean; the Moon's phase (sine, cosine) and whether Mercury is
/// retrograde at the bar's open (astronomy is known in advance, so it never leaks). A row is null inside the warm-up.
/// Bump <see cref="Version"/> whenever a feature changes: saved models of another version are refused.
/// </summary>
public static class MlFeatures
{
    public const int Version = 1;

    public const int Count = 18;

    public static readonly IReadOnlyList<string> Names =
    [
        "return_1", "return_5", "return_10", "return_20", "rsi14", "macd_hist_rel", "atr14_rel", "fisher", "cyber_cycle_rel",
        "mama_fama_rel", "ht_trendmode", "ht_dcperiod", "sq9_support_dist", "sq9_resistance_dist", "volume_ratio",
        "moon_phase_sin", "moon_phase_cos", "mercury_retrograde",
    ];

    /// <summary>Features for every bar; null rows inside the warm-up (the first 63 bars, or a missing value).</summary>
    public static float[]?[] Build(IReadOnlyList<OhlcvBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var set = new IndicatorSet();
        var values = new double[IndicatorSet.Columns.Count];
        var rows = new float[]?[bars.Count];
        var ephemeris = Ephemeris.Shared;
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            set.Update(b.High, b.Low, b.Close, values);
            if (i < 63)
            {
                continue;
            }

            double V(string column) => values[IndicatorSet.IndexOf(column)];
            var c = b.Close;
            var (support, resistance) = SquareOfNineDistances(bars, i);
            var volumeMean = 0.0;
            for (var k = i - 20; k < i; k++)
            {
                volumeMean += bars[k].Volume / 20;
            }

            var (phaseSin, phaseCos, retro) = Astro(ephemeris, b.OpenTimeMs);
            double[] row =
            [
                Math.Log(c / bars[i - 1].Close), Math.Log(c / bars[i - 5].Close), Math.Log(c / bars[i - 10].Close), Math.Log(c / bars[i - 20].Close),
                V("rsi14") / 100, V("macd_hist") / c, V("atr14") / c, V("fisher"), V("cyber_cycle") / c, (V("mama") - V("fama")) / c,
                V("ht_trendmode"), V("ht_dcperiod") / 50, support, resistance, volumeMean > 0 ? b.Volume / volumeMean : 1,
                phaseSin, phaseCos, retro,
            ];
            rows[i] = row.All(double.IsFinite) ? [.. row.Select(x => (float)x)] : null;
        }

        return rows;
    }

    private static (double Support, double Resistance) SquareOfNineDistances(IReadOnlyList<OhlcvBar> bars, int i)
    {
        // The trailing window ends at bar i, so nothing later is read.
        var c = bars[i].Close;
        var centre = Pivots.NearerExtreme(bars, 100, c, end: i + 1).Price;
        return SquareOfNine.TryBracket(centre, c, 20, out var support, out var resistance) ? ((c - support) / c, (resistance - c) / c) : (0, 0);
    }

    private static (double Sin, double Cos, int Retro) Astro(Ephemeris ephemeris, long timeMs)
    {
        var utc = DateTimeOffset.FromUnixTimeMilliseconds(timeMs);
        if (!AstroTime.IsSupported(utc))
        {
            return (0, 0, 0);
        }

        var jd = AstroTime.JulianDay(utc);
        var (s, co) = Math.SinCos(AstroEvents.Elongation(ephemeris, jd) * Math.PI / 180);
        return (s, co, ephemeris.DailyMotion(Body.Mercury, jd) < 0 ? 1 : 0);
    }
}
