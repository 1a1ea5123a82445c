namespace LowLatency.Analytics.Indicators;

/// <summary>
/// The lookback-63 Hilbert family in one pass, as TA-Lib computes it (FORMULAS.md §9.2–9.5): dominant cycle
/// phase (HT_DCPHASE, degrees in (−45, 315]), sine and lead sine (HT_SINE), instantaneous trendline
/// (HT_TRENDLINE) and trend mode (HT_TRENDMODE, 1 = trend, 0 = cycle). First output at bar 63. The phase
/// is a DFT over up to 50 smoothed prices (zeros before the Hilbert stage began, as in TA-Lib).
/// </summary>
public sealed class HilbertCycle
{
    private const int Lookback = 63;
    private const int FirstHilbertBar = 37;
    private const int SmoothPriceSize = 50;

    private static readonly double Rad2Deg = 45.0 / Math.Atan(1);
    private static readonly double Deg2Rad = 1.0 / Rad2Deg;
    private static readonly double Deg2RadBy360 = Math.Atan(1) * 8.0;

    // sin/cos of (i·2π)/N for every N ≤ 50: the same expressions TA-Lib evaluates per bar, computed once.
    private static readonly double[][] SinTable = BuildTable(Math.Sin);
    private static readonly double[][] CosTable = BuildTable(Math.Cos);

    private readonly HilbertTransformer _core = new(FirstHilbertBar);
    private readonly double[] _smoothPrice = new double[SmoothPriceSize];
    private readonly RollingWindow _inputs = new(SmoothPriceSize);
    private int _smoothPriceIndex;
    private double _phase;
    private double _iTrend1;
    private double _iTrend2;
    private double _iTrend3;
    private int _daysInTrend;

    public bool IsReady => _core.Bars > Lookback;

    public double Phase { get; private set; } = double.NaN;

    public double Sine { get; private set; } = double.NaN;

    public double LeadSine { get; private set; } = double.NaN;

    public double Trendline { get; private set; } = double.NaN;

    /// <summary>1 in a trend, 0 in a cycle.</summary>
    public int TrendMode { get; private set; }

    public bool Update(double input)
    {
        _core.Update(input);
        _inputs.Add(input);
        if (!_core.HasCycle)
        {
            return false;
        }

        _smoothPrice[_smoothPriceIndex] = _core.Smoothed;
        var smoothPeriod = _core.SmoothPeriod;
        var previousPhase = _phase;
        var previousSine = Math.Sin(previousPhase * Deg2Rad);
        var previousLeadSine = Math.Sin((previousPhase + 45) * Deg2Rad);
        UpdatePhase(smoothPeriod);
        var sine = Math.Sin(_phase * Deg2Rad);
        var leadSine = Math.Sin((_phase + 45) * Deg2Rad);
        var trendline = UpdateTrendline(smoothPeriod);
        var trend = TrendFor(sine, leadSine, previousSine, previousLeadSine, previousPhase, smoothPeriod, trendline);

        if (++_smoothPriceIndex > SmoothPriceSize - 1)
        {
            _smoothPriceIndex = 0;
        }

        if (!IsReady)
        {
            return false;
        }

        (Phase, Sine, LeadSine, Trendline, TrendMode) = (_phase, sine, leadSine, trendline, trend);
        return true;
    }

    private void UpdatePhase(double smoothPeriod)
    {
        var periodInt = (int)(smoothPeriod + 0.5);
        var realPart = 0.0;
        var imagPart = 0.0;
        var index = _smoothPriceIndex;
        var sines = SinTable[periodInt];
        var cosines = CosTable[periodInt];
        for (var i = 0; i < periodInt; i++)
        {
            var value = _smoothPrice[index];
            realPart += sines[i] * value;
            imagPart += cosines[i] * value;
            index = index == 0 ? SmoothPriceSize - 1 : index - 1;
        }

        var magnitude = Math.Abs(imagPart);
        if (magnitude > 0.0)
        {
            _phase = Math.Atan(realPart / imagPart) * Rad2Deg;
        }
        else if (magnitude <= 0.01)
        {
            _phase += realPart < 0.0 ? -90.0 : realPart > 0.0 ? 90.0 : 0.0;
        }

        _phase += 90.0;
        _phase += 360.0 / smoothPeriod; // compensates the one-bar lag of the WMA
        if (imagPart < 0.0)
        {
            _phase += 180.0;
        }

        if (_phase > 315.0)
        {
            _phase -= 360.0;
        }
    }

    private double UpdateTrendline(double smoothPeriod)
    {
        var periodInt = Math.Min((int)(smoothPeriod + 0.5), _inputs.Count);
        var sum = 0.0;
        for (var i = 0; i < periodInt; i++)
        {
            sum += _inputs[i];
        }

        if (periodInt > 0)
        {
            sum /= periodInt;
        }

        var trendline = ((4.0 * sum) + (3.0 * _iTrend1) + (2.0 * _iTrend2) + _iTrend3) / 10.0;
        (_iTrend3, _iTrend2, _iTrend1) = (_iTrend2, _iTrend1, sum);
        return trendline;
    }

    private int TrendFor(double sine, double leadSine, double previousSine, double previousLeadSine, double previousPhase, double smoothPeriod, double trendline)
    {
        var trend = 1;
        if ((sine > leadSine && previousSine <= previousLeadSine) || (sine < leadSine && previousSine >= previousLeadSine))
        {
            _daysInTrend = 0;
            trend = 0;
        }

        _daysInTrend++;
        if (_daysInTrend < 0.5 * smoothPeriod)
        {
            trend = 0;
        }

        var phaseChange = _phase - previousPhase;
        if (smoothPeriod != 0.0 && phaseChange > 0.67 * 360.0 / smoothPeriod && phaseChange < 1.5 * 360.0 / smoothPeriod)
        {
            trend = 0;
        }

        if (trendline != 0.0 && Math.Abs((_smoothPrice[_smoothPriceIndex] - trendline) / trendline) >= 0.015)
        {
            trend = 1;
        }

        return trend;
    }

    private static double[][] BuildTable(Func<double, double> function)
    {
        var table = new double[SmoothPriceSize + 1][];
        for (var n = 0; n <= SmoothPriceSize; n++)
        {
            table[n] = new double[n];
            for (var i = 0; i < n; i++)
            {
                table[n][i] = function((i * Deg2RadBy360) / n);
            }
        }

        return table;
    }
}
