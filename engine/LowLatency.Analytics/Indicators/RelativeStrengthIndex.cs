namespace LowLatency.Analytics.Indicators;

/// <summary>
/// Wilder's RSI as TA-Lib computes it: the first average gain/loss are simple means of the first
/// <c>period</c> changes, then <c>avg = (avg·(n−1) + x)/n</c>; 0 when gains and losses are both (near) zero.
/// First value after <c>period + 1</c> inputs.
/// </summary>
public sealed class RelativeStrengthIndex
{
    private double _previous;
    private double _averageGain;
    private double _averageLoss;
    private int _changes = -1;

    public RelativeStrengthIndex(int period = 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
    }

    public int Period { get; }

    public bool IsReady => _changes >= Period;

    public double Value { get; private set; } = double.NaN;

    public bool Update(double input)
    {
        var change = input - _previous;
        _previous = input;
        if (++_changes == 0)
        {
            return false;
        }

        if (_changes <= Period)
        {
            Accumulate(change);
            if (_changes < Period)
            {
                return false;
            }

            _averageLoss /= Period;
            _averageGain /= Period;
        }
        else
        {
            _averageLoss *= Period - 1;
            _averageGain *= Period - 1;
            Accumulate(change);
            _averageLoss /= Period;
            _averageGain /= Period;
        }

        var total = _averageGain + _averageLoss;
        Value = TaLibMath.IsZero(total) ? 0.0 : 100.0 * (_averageGain / total);
        return true;
    }

    private void Accumulate(double change)
    {
        if (change < 0)
        {
            _averageLoss -= change;
        }
        else
        {
            _averageGain += change;
        }
    }
}
