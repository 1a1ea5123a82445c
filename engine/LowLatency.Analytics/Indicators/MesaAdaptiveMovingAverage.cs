namespace LowLatency.Analytics.Indicators;

/// <summary>
/// Ehlers' MESA adaptive moving average MAMA and its following average FAMA (TA-Lib MAMA): α = fastLimit/ΔPhase
/// bounded by slowLimit, with TA-Lib's conventions (phase 0 when I1 is 0; both averages start at 0 on bar 12;
/// first output at bar 32). FORMULAS.md §8.
/// </summary>
public sealed class MesaAdaptiveMovingAverage
{
    private const int Lookback = 32;
    private readonly HilbertTransformer _core = new();
    private readonly double _fastLimit;
    private readonly double _slowLimit;
    private double _previousPhase;
    private double _mama;
    private double _fama;

    public MesaAdaptiveMovingAverage(double fastLimit = 0.5, double slowLimit = 0.05)
    {
        if (!(fastLimit is > 0 and <= 1) || !(slowLimit is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fastLimit), "Both limits must lie in (0, 1].");
        }

        _fastLimit = fastLimit;
        _slowLimit = slowLimit;
    }

    public bool IsReady => _core.Bars > Lookback;

    public double Mama { get; private set; } = double.NaN;

    public double Fama { get; private set; } = double.NaN;

    public bool Update(double input)
    {
        _core.Update(input);
        if (!_core.HasCycle)
        {
            return false;
        }

        var phase = HilbertTransformer.AtanDegrees(_core.Q1, _core.I1);
        var deltaPhase = _previousPhase - phase;
        _previousPhase = phase;
        if (deltaPhase < 1.0)
        {
            deltaPhase = 1.0;
        }

        var alpha = _fastLimit;
        if (deltaPhase > 1.0)
        {
            alpha = _fastLimit / deltaPhase;
            if (alpha < _slowLimit)
            {
                alpha = _slowLimit;
            }
        }

        _mama = (alpha * input) + ((1 - alpha) * _mama);
        alpha *= 0.5;
        _fama = (alpha * _mama) + ((1 - alpha) * _fama);
        if (!IsReady)
        {
            return false;
        }

        Mama = _mama;
        Fama = _fama;
        return true;
    }
}
