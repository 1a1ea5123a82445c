namespace LowLatency.Analytics.Indicators.Ehlers;

/// <summary>
/// Ehlers' 2-pole Super Smoother (FORMULAS.md §1). Variant: the 2013 form (input averaged over two bars),
/// coefficients with exact √2 and π, and the published warm-up: output = input for the first two bars.
/// DC gain is 1.
/// </summary>
public sealed class SuperSmoother
{
    private readonly double _c1;
    private readonly double _c2;
    private readonly double _c3;
    private double _previousInput;
    private double _f1;
    private double _f2;
    private int _count;

    public SuperSmoother(double period = 10)
    {
        if (!double.IsFinite(period) || period < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be at least 2 bars.");
        }

        var a1 = Math.Exp(-Math.Sqrt(2) * Math.PI / period);
        _c2 = 2 * a1 * Math.Cos(Math.Sqrt(2) * Math.PI / period);
        _c3 = -a1 * a1;
        _c1 = 1 - _c2 - _c3;
    }

    public double Value => _f1;

    public double Update(double input)
    {
        var value = _count++ < 2
            ? input
            : (_c1 * (input + _previousInput) / 2) + (_c2 * _f1) + (_c3 * _f2);
        _previousInput = input;
        _f2 = _f1;
        _f1 = value;
        return value;
    }
}
