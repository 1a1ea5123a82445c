namespace LowLatency.Analytics.Indicators;

/// <summary>
/// The homodyne-discriminator cycle measurement shared by HT_DCPERIOD and MAMA, streamed bar by bar in
/// TA-Lib's exact order of operations: a 4-bar WMA kept as running sums, Hilbert transforms on separate
/// odd/even-bar buffers, and the period clamps (FORMULAS.md §8–9). Bar parity counts from the first input,
/// as TA-Lib's does with start index 0.
/// </summary>
internal sealed class HilbertTransformer
{
    private const double A = 0.0962;
    private const double B = 0.5769;
    private const int WmaWarmUpBars = 3;

    private static readonly double Rad2Deg = 180.0 / (4.0 * Math.Atan(1));

    private readonly int _firstHilbertBar;
    private readonly RollingWindow _inputs = new(4);
    private readonly Transform _detrender = new();
    private readonly Transform _q1 = new();
    private readonly Transform _jI = new();
    private readonly Transform _jQ = new();
    private double _wmaSub;
    private double _wmaSum;
    private double _trailingWmaValue;
    private double _i1ForOddPrev3;
    private double _i1ForOddPrev2;
    private double _i1ForEvenPrev3;
    private double _i1ForEvenPrev2;
    private double _previousI2;
    private double _previousQ2;
    private double _re;
    private double _im;
    private int _hilbertIndex;

    /// <param name="firstHilbertBar">
    /// The bar at which the Hilbert stage starts: TA-Lib's warm-up is 3 WMA seed bars plus 9 WMA bars for
    /// HT_DCPERIOD and MAMA (12), plus 34 for the lookback-63 functions (37).
    /// </param>
    public HilbertTransformer(int firstHilbertBar = 12)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstHilbertBar, WmaWarmUpBars);
        _firstHilbertBar = firstHilbertBar;
    }

    /// <summary>Inputs seen so far; the index of the next bar.</summary>
    public long Bars { get; private set; }

    /// <summary>True once the Hilbert stage has run for the current bar (from bar 12).</summary>
    public bool HasCycle { get; private set; }

    public double Smoothed { get; private set; }

    /// <summary>Q1 of the current bar.</summary>
    public double Q1 => _q1.Value;

    /// <summary>I1 (the detrender three bars back) used for the current bar.</summary>
    public double I1 { get; private set; }

    public double Period { get; private set; }

    public double SmoothPeriod { get; private set; }

    public void Update(double input)
    {
        var bar = Bars++;
        _inputs.Add(input);
        if (bar < WmaWarmUpBars)
        {
            // TA-Lib seeds the WMA sums with the first three inputs, weights 1, 2, 3.
            _wmaSub += input;
            _wmaSum += input * (bar + 1);
            return;
        }

        var adjustedPreviousPeriod = (0.075 * Period) + 0.54;
        _wmaSub += input;
        _wmaSub -= _trailingWmaValue;
        _wmaSum += input * 4.0;
        _trailingWmaValue = _inputs[3];
        Smoothed = _wmaSum * 0.1;
        _wmaSum -= _wmaSub;
        if (bar < _firstHilbertBar)
        {
            return;
        }

        double i2;
        double q2;
        if (bar % 2 == 0)
        {
            _detrender.Step(Smoothed, even: true, _hilbertIndex, adjustedPreviousPeriod);
            _q1.Step(_detrender.Value, even: true, _hilbertIndex, adjustedPreviousPeriod);
            _jI.Step(_i1ForEvenPrev3, even: true, _hilbertIndex, adjustedPreviousPeriod);
            _jQ.Step(_q1.Value, even: true, _hilbertIndex, adjustedPreviousPeriod);
            if (++_hilbertIndex == 3)
            {
                _hilbertIndex = 0;
            }

            q2 = (0.2 * (_q1.Value + _jI.Value)) + (0.8 * _previousQ2);
            i2 = (0.2 * (_i1ForEvenPrev3 - _jQ.Value)) + (0.8 * _previousI2);
            I1 = _i1ForEvenPrev3;
            _i1ForOddPrev3 = _i1ForOddPrev2;
            _i1ForOddPrev2 = _detrender.Value;
        }
        else
        {
            _detrender.Step(Smoothed, even: false, _hilbertIndex, adjustedPreviousPeriod);
            _q1.Step(_detrender.Value, even: false, _hilbertIndex, adjustedPreviousPeriod);
            _jI.Step(_i1ForOddPrev3, even: false, _hilbertIndex, adjustedPreviousPeriod);
            _jQ.Step(_q1.Value, even: false, _hilbertIndex, adjustedPreviousPeriod);
            q2 = (0.2 * (_q1.Value + _jI.Value)) + (0.8 * _previousQ2);
            i2 = (0.2 * (_i1ForOddPrev3 - _jQ.Value)) + (0.8 * _previousI2);
            I1 = _i1ForOddPrev3;
            _i1ForEvenPrev3 = _i1ForEvenPrev2;
            _i1ForEvenPrev2 = _detrender.Value;
        }

        _re = (0.2 * ((i2 * _previousI2) + (q2 * _previousQ2))) + (0.8 * _re);
        _im = (0.2 * ((i2 * _previousQ2) - (q2 * _previousI2))) + (0.8 * _im);
        _previousQ2 = q2;
        _previousI2 = i2;
        var previousPeriod = Period;
        var period = previousPeriod;
        if (_im != 0.0 && _re != 0.0)
        {
            period = 360.0 / (Math.Atan(_im / _re) * Rad2Deg);
        }

        var limit = 1.5 * previousPeriod;
        if (period > limit)
        {
            period = limit;
        }

        limit = 0.67 * previousPeriod;
        if (period < limit)
        {
            period = limit;
        }

        if (period < 6)
        {
            period = 6;
        }
        else if (period > 50)
        {
            period = 50;
        }

        Period = (0.2 * period) + (0.8 * previousPeriod);
        SmoothPeriod = (0.33 * Period) + (0.67 * SmoothPeriod);
        HasCycle = true;
    }

    /// <summary>Degrees of atan(y/x) as TA-Lib writes it (0 when x is 0).</summary>
    public static double AtanDegrees(double y, double x) => x != 0.0 ? Math.Atan(y / x) * Rad2Deg : 0.0;

    /// <summary>One Hilbert FIR (TA-Lib's DO_HILBERT_TRANSFORM) with its odd- and even-bar state.</summary>
    private sealed class Transform
    {
        private readonly double[] _odd = new double[3];
        private readonly double[] _even = new double[3];
        private double _previousOdd;
        private double _previousEven;
        private double _previousInputOdd;
        private double _previousInputEven;

        public double Value { get; private set; }

        public void Step(double input, bool even, int index, double adjustedPreviousPeriod)
        {
            var buffer = even ? _even : _odd;
            var scaled = A * input;
            var value = -buffer[index];
            buffer[index] = scaled;
            value += scaled;
            if (even)
            {
                value -= _previousEven;
                _previousEven = B * _previousInputEven;
                value += _previousEven;
                _previousInputEven = input;
            }
            else
            {
                value -= _previousOdd;
                _previousOdd = B * _previousInputOdd;
                value += _previousOdd;
                _previousInputOdd = input;
            }

            Value = value * adjustedPreviousPeriod;
        }
    }
}
