namespace LowLatency.Analytics.Indicators;

/// <summary>
/// MACD as TA-Lib computes it: both EMAs first defined on the same bar (the fast one seeded with the mean of
/// the last <c>fast</c> inputs up to that bar, the slow one with the mean of the first <c>slow</c> inputs); the
/// signal is an EMA of MACD seeded with the mean of its first <c>signal</c> values. Ready after
/// <c>slow + signal − 1</c> inputs.
/// </summary>
public sealed class Macd
{
    private readonly ExponentialMovingAverage _fast;
    private readonly ExponentialMovingAverage _slow;
    private readonly ExponentialMovingAverage _signal;
    private readonly int _fastStartsAt;
    private int _count;

    public Macd(int fastPeriod = 12, int slowPeriod = 26, int signalPeriod = 9)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fastPeriod, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(signalPeriod, 1);
        if (slowPeriod <= fastPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(slowPeriod), slowPeriod, "The slow period must exceed the fast period.");
        }

        _fast = new ExponentialMovingAverage(fastPeriod);
        _slow = new ExponentialMovingAverage(slowPeriod);
        _signal = new ExponentialMovingAverage(signalPeriod);
        _fastStartsAt = slowPeriod - fastPeriod;
    }

    public bool IsReady => _signal.IsReady;

    public double Value { get; private set; } = double.NaN;

    public double Signal { get; private set; } = double.NaN;

    public double Histogram { get; private set; } = double.NaN;

    public bool Update(double input)
    {
        if (_count++ >= _fastStartsAt)
        {
            _fast.Update(input);
        }

        if (!_slow.Update(input))
        {
            return false;
        }

        var macd = _fast.Value - _slow.Value;
        if (!_signal.Update(macd))
        {
            return false;
        }

        Value = macd;
        Signal = _signal.Value;
        Histogram = macd - Signal;
        return true;
    }
}
