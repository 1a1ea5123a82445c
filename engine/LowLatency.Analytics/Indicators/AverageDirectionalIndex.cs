namespace LowLatency.Analytics.Indicators;

/// <summary>
/// Wilder's ADX as TA-Lib computes it: +DM, −DM and TR summed over the first <c>period − 1</c> moves, then
/// smoothed <c>S = S − S/n + x</c>; DX = 100·|−DI − +DI|/(−DI + +DI); the first ADX is the mean of the first
/// <c>period</c> DX values, then <c>adx = (adx·(n−1) + dx)/n</c>. Ready after <c>2·period</c> bars.
/// </summary>
public sealed class AverageDirectionalIndex
{
    private double _previousHigh;
    private double _previousLow;
    private double _previousClose;
    private double _plusDm;
    private double _minusDm;
    private double _trueRange;
    private double _sumDx;
    private int _moves = -1;

    public AverageDirectionalIndex(int period = 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        Period = period;
    }

    public int Period { get; }

    public bool IsReady => _moves >= (2 * Period) - 1;

    public double Value { get; private set; } = double.NaN;

    public bool Update(double high, double low, double close)
    {
        if (++_moves == 0)
        {
            (_previousHigh, _previousLow, _previousClose) = (high, low, close);
            return false;
        }

        var plusMove = high - _previousHigh;
        var minusMove = _previousLow - low;
        _previousHigh = high;
        _previousLow = low;
        var presumming = _moves < Period;
        if (!presumming)
        {
            _minusDm -= _minusDm / Period;
            _plusDm -= _plusDm / Period;
        }

        if (minusMove > 0 && plusMove < minusMove)
        {
            _minusDm += minusMove;
        }
        else if (plusMove > 0 && plusMove > minusMove)
        {
            _plusDm += plusMove;
        }

        var trueRange = TaLibMath.TrueRange(high, low, _previousClose);
        _trueRange = presumming ? _trueRange + trueRange : _trueRange - (_trueRange / Period) + trueRange;
        _previousClose = close;
        if (presumming)
        {
            return false;
        }

        var firstAdxAt = (2 * Period) - 1;
        if (_moves < firstAdxAt)
        {
            _sumDx += DirectionalIndex() ?? 0.0;
            return false;
        }

        if (_moves == firstAdxAt)
        {
            _sumDx += DirectionalIndex() ?? 0.0;
            Value = _sumDx / Period;
            return true;
        }

        if (DirectionalIndex() is { } dx)
        {
            Value = ((Value * (Period - 1)) + dx) / Period;
        }

        return true;
    }

    /// <summary>DX for the current smoothed sums, or null where TA-Lib skips it (a zero range or zero DI sum).</summary>
    private double? DirectionalIndex()
    {
        if (TaLibMath.IsZero(_trueRange))
        {
            return null;
        }

        var minusDi = 100.0 * (_minusDm / _trueRange);
        var plusDi = 100.0 * (_plusDm / _trueRange);
        var sum = minusDi + plusDi;
        return TaLibMath.IsZero(sum) ? null : 100.0 * (Math.Abs(minusDi - plusDi) / sum);
    }
}
