namespace LowLatency.Analytics.Indicators;

/// <summary>
/// Wilder's ATR as TA-Lib computes it: true range from the second bar; the first ATR is the mean of the first
/// <c>period</c> true ranges, then <c>atr = (atr·(n−1) + tr)/n</c>. First value after <c>period + 1</c> bars.
/// </summary>
public sealed class AverageTrueRange
{
    private double _previousClose;
    private double _sum;
    private int _ranges = -1;

    public AverageTrueRange(int period = 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
    }

    public int Period { get; }

    public bool IsReady => _ranges >= Period;

    public double Value { get; private set; } = double.NaN;

    public bool Update(double high, double low, double close)
    {
        if (++_ranges == 0)
        {
            _previousClose = close;
            return false;
        }

        var trueRange = TaLibMath.TrueRange(high, low, _previousClose);
        _previousClose = close;
        if (_ranges < Period)
        {
            _sum += trueRange;
            return false;
        }

        if (_ranges == Period)
        {
            Value = (_sum + trueRange) / Period;
            return true;
        }

        Value = ((Value * (Period - 1)) + trueRange) / Period;
        return true;
    }
}
