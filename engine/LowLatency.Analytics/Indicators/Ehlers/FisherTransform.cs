namespace LowLatency.Analytics.Indicators.Ehlers;

/// <summary>
/// Ehlers' Fisher Transform (FORMULAS.md §5, TASC 2002 form) over <c>length</c> bars (default 10) of its input
/// (Ehlers feeds (H+L)/2). Guard the original lacks: when the window's high equals its low the position is taken
/// as mid-range. Trigger = the previous Fisher value.
/// </summary>
public sealed class FisherTransform
{
    private readonly MonotonicWindow _highest;
    private readonly MonotonicWindow _lowest;
    private double _value;

    public FisherTransform(int length = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 2);
        _highest = new MonotonicWindow(length, maximum: true);
        _lowest = new MonotonicWindow(length, maximum: false);
    }

    public double Value { get; private set; }

    public double Trigger { get; private set; }

    public double Update(double input)
    {
        _highest.Add(input);
        _lowest.Add(input);
        var high = _highest.Value;
        var low = _lowest.Value;
        var position = high > low ? (input - low) / (high - low) : 0.5;
        _value = (0.33 * 2 * (position - 0.5)) + (0.67 * _value);
        if (_value > 0.99)
        {
            _value = 0.999;
        }
        else if (_value < -0.99)
        {
            _value = -0.999;
        }

        Trigger = Value;
        Value = (0.5 * Math.Log((1 + _value) / (1 - _value))) + (0.5 * Value);
        return Value;
    }
}
