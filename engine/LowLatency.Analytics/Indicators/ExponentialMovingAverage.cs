namespace LowLatency.Analytics.Indicators;

/// <summary>
/// Exponential moving average as TA-Lib computes it: k = 2/(n+1), seeded with the plain mean of the first
/// <c>period</c> inputs, then <c>ema += (x − ema)·k</c>. First value after <c>period</c> inputs.
/// </summary>
public sealed class ExponentialMovingAverage
{
    private readonly double _k;
    private double _seedSum;
    private int _count;

    public ExponentialMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _k = 2.0 / (period + 1);
    }

    public int Period { get; }

    public bool IsReady => _count >= Period;

    public double Value { get; private set; } = double.NaN;

    public bool Update(double input)
    {
        if (_count < Period)
        {
            _seedSum += input;
            if (++_count < Period)
            {
                return false;
            }

            Value = _seedSum / Period;
            return true;
        }

        Value = ((input - Value) * _k) + Value;
        return true;
    }
}
