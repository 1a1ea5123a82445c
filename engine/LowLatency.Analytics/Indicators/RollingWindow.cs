namespace LowLatency.Analytics.Indicators;

/// <summary>The last <c>capacity</c> values, in a pre-allocated circular buffer.</summary>
public sealed class RollingWindow
{
    private readonly double[] _values;
    private int _next;

    public RollingWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _values = new double[capacity];
    }

    public int Capacity => _values.Length;

    public int Count { get; private set; }

    public bool IsFull => Count == _values.Length;

    /// <summary>The oldest value held (the one the next <see cref="Add"/> replaces once full).</summary>
    public double Oldest => _values[IsFull ? _next : 0];

    public void Add(double value)
    {
        _values[_next] = value;
        _next = _next + 1 == _values.Length ? 0 : _next + 1;
        if (Count < _values.Length)
        {
            Count++;
        }
    }

    /// <summary>The value <paramref name="back"/> steps ago (0 = newest).</summary>
    public double this[int back]
    {
        get
        {
            var index = _next - 1 - back;
            return _values[index < 0 ? index + _values.Length : index];
        }
    }
}
