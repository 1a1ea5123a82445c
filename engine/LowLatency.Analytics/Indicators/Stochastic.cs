namespace LowLatency.Analytics.Indicators;

/// <summary>
/// Slow stochastic as TA-Lib computes it: fast %K = (close − lowest low)/((highest high − lowest low)/100)
/// over <c>kPeriod</c> bars (0 when the range is 0), slow %K = SMA of fast %K, slow %D = SMA of slow %K.
/// </summary>
public sealed class Stochastic
{
    private readonly MonotonicWindow _highest;
    private readonly MonotonicWindow _lowest;
    private readonly SimpleMovingAverage _slowK;
    private readonly SimpleMovingAverage _slowD;
    private readonly int _kPeriod;
    private int _count;

    public Stochastic(int kPeriod = 14, int slowKPeriod = 3, int slowDPeriod = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(kPeriod, 1);
        _kPeriod = kPeriod;
        _highest = new MonotonicWindow(kPeriod, maximum: true);
        _lowest = new MonotonicWindow(kPeriod, maximum: false);
        _slowK = new SimpleMovingAverage(slowKPeriod);
        _slowD = new SimpleMovingAverage(slowDPeriod);
    }

    public bool IsReady => _slowD.IsReady;

    public double SlowK { get; private set; } = double.NaN;

    public double SlowD { get; private set; } = double.NaN;

    public bool Update(double high, double low, double close)
    {
        _highest.Add(high);
        _lowest.Add(low);
        if (++_count < _kPeriod)
        {
            return false;
        }

        var lowest = _lowest.Value;
        var range = (_highest.Value - lowest) / 100.0;
        var fastK = range != 0.0 ? (close - lowest) / range : 0.0;
        if (!_slowK.Update(fastK) || !_slowD.Update(_slowK.Value))
        {
            return false;
        }

        SlowK = _slowK.Value;
        SlowD = _slowD.Value;
        return true;
    }
}
