namespace LowLatency.Analytics.Indicators;

/// <summary>
/// The maximum (or minimum) of the last <c>period</c> values in amortised O(1): a monotonic deque over a
/// pre-allocated circular buffer of candidates.
/// </summary>
public sealed class MonotonicWindow
{
    private readonly long[] _indices;
    private readonly double[] _values;
    private readonly bool _maximum;
    private readonly int _period;
    private int _head;
    private int _count;
    private long _index = -1;

    public MonotonicWindow(int period, bool maximum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
        _maximum = maximum;
        _indices = new long[period];
        _values = new double[period];
    }

    /// <summary>The extreme of the values added in the last <c>period</c> updates.</summary>
    public double Value => _values[_head];

    public void Add(double value)
    {
        _index++;
        // Drop candidates that can never be the extreme again.
        while (_count > 0 && Dominates(value, _values[Slot(_count - 1)]))
        {
            _count--;
        }

        // Drop the front once it has left the window.
        if (_count > 0 && _indices[_head] <= _index - _period)
        {
            _head = Slot(1);
            _count--;
        }

        var slot = Slot(_count);
        _indices[slot] = _index;
        _values[slot] = value;
        _count++;
    }

    private bool Dominates(double candidate, double existing) => _maximum ? candidate >= existing : candidate <= existing;

    private int Slot(int offset)
    {
        var slot = _head + offset;
        return slot >= _period ? slot - _period : slot;
    }
}
