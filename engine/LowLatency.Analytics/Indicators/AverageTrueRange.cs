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

    /// <summary>The ATR after the last of <paramref name="bars"/>; NaN with fewer than <c>period + 1</c> bars.</summary>
    public static double Last(IEnumerable<OhlcvBar> bars, int period = 14)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var atr = new AverageTrueRange(period);
        foreach (var bar in bars)
        {
            atr.Update(bar.High, bar.Low, bar.Close);
        }

        return atr.IsReady ? atr.Value : double.NaN;
    }

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
