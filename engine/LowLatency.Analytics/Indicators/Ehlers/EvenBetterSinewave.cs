namespace LowLatency.Analytics.Indicators.Ehlers;

/// <summary>
/// Ehlers' Even Better Sinewave (FORMULAS.md §7, Cycle Analytics 2013): the canonical 1-pole high-pass
/// (duration default 40), a 2013 Super Smoother (default 10), then the 3-bar wave normalised by its power;
/// about [−1, 1]. 0 while the power is 0.
/// </summary>
public sealed class EvenBetterSinewave
{
    private readonly double _alpha;
    private readonly SuperSmoother _smoother;
    private readonly RollingWindow _filtered = new(3);
    private double _previousInput;
    private double _highPass;
    private int _count;

    public EvenBetterSinewave(double duration = 40, double smootherPeriod = 10)
    {
        if (!double.IsFinite(duration) || duration <= 4)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "The duration must exceed 4 bars.");
        }

        var w = 2 * Math.PI / duration;
        _alpha = (1 - Math.Sin(w)) / Math.Cos(w);
        _smoother = new SuperSmoother(smootherPeriod);
    }

    public double Value { get; private set; }

    public double Update(double input)
    {
        _highPass = _count++ == 0 ? 0.0 : (0.5 * (1 + _alpha) * (input - _previousInput)) + (_alpha * _highPass);
        _previousInput = input;
        _filtered.Add(_smoother.Update(_highPass));
        double wave = 0;
        double power = 0;
        for (var i = 0; i < _filtered.Count; i++)
        {
            wave += _filtered[i];
            power += _filtered[i] * _filtered[i];
        }

        wave /= 3;
        power /= 3;
        Value = power > 0 ? wave / Math.Sqrt(power) : 0.0;
        return Value;
    }
}
