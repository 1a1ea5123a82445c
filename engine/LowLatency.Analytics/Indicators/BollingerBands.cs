namespace LowLatency.Analytics.Indicators;

/// <summary>
/// Bollinger bands as TA-Lib computes them with an SMA middle: the population standard deviation from a
/// running sum of squares (<c>E[x²] − mean²</c>, 0 when below 1e-8), bands at middle ± deviations·σ.
/// </summary>
public sealed class BollingerBands
{
    private readonly SimpleMovingAverage _middle;
    private readonly RollingWindow _window;
    private readonly double _deviationsUp;
    private readonly double _deviationsDown;
    private double _sumOfSquares;

    public BollingerBands(int period = 20, double deviationsUp = 2, double deviationsDown = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        if (!double.IsFinite(deviationsUp) || !double.IsFinite(deviationsDown))
        {
            throw new ArgumentOutOfRangeException(nameof(deviationsUp), "Band widths must be finite.");
        }

        _middle = new SimpleMovingAverage(period);
        _window = new RollingWindow(period);
        _deviationsUp = deviationsUp;
        _deviationsDown = deviationsDown;
    }

    public bool IsReady => _middle.IsReady;

    public double Upper { get; private set; } = double.NaN;

    public double Middle { get; private set; } = double.NaN;

    public double Lower { get; private set; } = double.NaN;

    public bool Update(double input)
    {
        _window.Add(input);
        _sumOfSquares += input * input;
        if (!_middle.Update(input))
        {
            return false;
        }

        var meanOfSquares = _sumOfSquares / _window.Capacity;
        var oldest = _window.Oldest;
        _sumOfSquares -= oldest * oldest;
        Middle = _middle.Value;
        meanOfSquares -= Middle * Middle;
        var deviation = TaLibMath.IsZeroOrNegative(meanOfSquares) ? 0.0 : Math.Sqrt(meanOfSquares);
        Upper = Middle + (deviation * _deviationsUp);
        Lower = Middle - (deviation * _deviationsDown);
        return true;
    }
}
