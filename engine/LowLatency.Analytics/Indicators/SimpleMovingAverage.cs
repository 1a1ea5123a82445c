namespace LowLatency.Analytics.Indicators;

/// <summary>
/// Simple moving average with TA-Lib's running sum: add the new value, divide, then drop the value that
/// leaves next. O(1) per update. First value after <c>period</c> inputs.
/// </summary>
public sealed class SimpleMovingAverage
{
    private readonly RollingWindow _window;
    private double _sum;

    public SimpleMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _window = new RollingWindow(period);
    }

    public int Period { get; }

    public bool IsReady => _window.IsFull;

    public double Value { get; private set; } = double.NaN;

    /// <returns>True once the average is defined.</returns>
    public bool Update(double input)
    {
        _window.Add(input);
        _sum += input;
        if (!_window.IsFull)
        {
            return false;
        }

        Value = _sum / Period;
        _sum -= _window.Oldest;
        return true;
    }
}
