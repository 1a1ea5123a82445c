using LowLatency.Analytics.Indicators.Ehlers;

namespace LowLatency.Analytics.Indicators;

/// <summary>
/// Every indicator the engine has, updated together one bar at a time: the batch form used by the
/// <c>indicators</c> command and the analysis endpoints. It drives the same streaming classes the pipeline uses,
/// so a batch value is the live value. The first <see cref="TaLibColumns"/> carry <c>talib.csv</c>'s names and
/// are NaN inside their warm-up; the Ehlers filters follow, defined from the first bar. With <c>hl2</c> the
/// single-input indicators read (high + low)/2 (Ehlers' own input) instead of the close; ATR, ADX and the
/// stochastic always read high, low and close. Allocates nothing per bar.
/// </summary>
public sealed class IndicatorSet
{
    /// <summary>The columns shared with <c>talib.csv</c>, in its order.</summary>
    public static readonly IReadOnlyList<string> TaLibColumns =
    [
        "sma20", "ema20", "rsi14", "atr14", "macd", "macd_signal", "macd_hist", "bb_upper", "bb_middle", "bb_lower",
        "stoch_slowk", "stoch_slowd", "adx14", "ht_dcperiod", "ht_dcphase", "ht_sine", "ht_leadsine", "ht_trendline",
        "ht_trendmode", "mama", "fama",
    ];

    /// <summary>Every column, <see cref="TaLibColumns"/> first.</summary>
    public static IReadOnlyList<string> Columns => AllColumns;

    private static readonly string[] AllColumns =
    [
        .. TaLibColumns,
        "super_smoother", "roofing", "cyber_cycle", "itrend", "itrend_trigger", "fisher", "fisher_trigger",
        "decycler", "decycler_oscillator", "even_better_sinewave",
    ];

    private readonly bool _hl2;
    private readonly SimpleMovingAverage _sma = new(20);
    private readonly ExponentialMovingAverage _ema = new(20);
    private readonly RelativeStrengthIndex _rsi = new(14);
    private readonly AverageTrueRange _atr = new(14);
    private readonly Macd _macd = new(12, 26, 9);
    private readonly BollingerBands _bands = new(20, 2, 2);
    private readonly Stochastic _stochastic = new(14, 3, 3);
    private readonly AverageDirectionalIndex _adx = new(14);
    private readonly HilbertDominantCyclePeriod _period = new();
    private readonly HilbertCycle _cycle = new();
    private readonly MesaAdaptiveMovingAverage _mama = new(0.5, 0.05);
    private readonly SuperSmoother _smoother = new(10);
    private readonly RoofingFilter _roofing = new(48, 10);
    private readonly CyberCycle _cyber = new(0.07);
    private readonly InstantaneousTrendline _trendline = new(0.07);
    private readonly FisherTransform _fisher = new(10);
    private readonly Decycler _decycler = new(125, 1);
    private readonly EvenBetterSinewave _sinewave = new(40, 10);

    public IndicatorSet(bool hl2 = false) => _hl2 = hl2;

    /// <summary>Bars seen so far.</summary>
    public long Bars { get; private set; }

    /// <summary>Updates every indicator with one bar and writes <see cref="Columns"/>' values (NaN = no value yet).</summary>
    public void Update(double high, double low, double close, Span<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(values.Length, Columns.Count, nameof(values));
        var x = _hl2 ? (high + low) / 2 : close;
        Bars++;
        values[0] = Ready(_sma.Update(x), _sma.Value);
        values[1] = Ready(_ema.Update(x), _ema.Value);
        values[2] = Ready(_rsi.Update(x), _rsi.Value);
        values[3] = Ready(_atr.Update(high, low, close), _atr.Value);
        var macd = _macd.Update(x);
        values[4] = Ready(macd, _macd.Value);
        values[5] = Ready(macd, _macd.Signal);
        values[6] = Ready(macd, _macd.Histogram);
        var bands = _bands.Update(x);
        values[7] = Ready(bands, _bands.Upper);
        values[8] = Ready(bands, _bands.Middle);
        values[9] = Ready(bands, _bands.Lower);
        var stochastic = _stochastic.Update(high, low, close);
        values[10] = Ready(stochastic, _stochastic.SlowK);
        values[11] = Ready(stochastic, _stochastic.SlowD);
        values[12] = Ready(_adx.Update(high, low, close), _adx.Value);
        values[13] = Ready(_period.Update(x), _period.Value);
        var cycle = _cycle.Update(x);
        values[14] = Ready(cycle, _cycle.Phase);
        values[15] = Ready(cycle, _cycle.Sine);
        values[16] = Ready(cycle, _cycle.LeadSine);
        values[17] = Ready(cycle, _cycle.Trendline);
        values[18] = Ready(cycle, _cycle.TrendMode);
        var mama = _mama.Update(x);
        values[19] = Ready(mama, _mama.Mama);
        values[20] = Ready(mama, _mama.Fama);
        values[21] = _smoother.Update(x);
        values[22] = _roofing.Update(x);
        values[23] = _cyber.Update(x);
        values[24] = _trendline.Update(x);
        values[25] = _trendline.Trigger;
        values[26] = _fisher.Update(x);
        values[27] = _fisher.Trigger;
        values[28] = _decycler.Update(x);
        values[29] = _decycler.Oscillator;
        values[30] = _sinewave.Update(x);
    }

    /// <summary>The index of a column by name; −1 when there is none.</summary>
    public static int IndexOf(string column) => Array.IndexOf(AllColumns, column);

    private static double Ready(bool ready, double value) => ready ? value : double.NaN;
}
