namespace LowLatency.Analytics.Indicators.Ehlers;

/// <summary>
/// Ehlers' 2-pole high-pass (FORMULAS.md §2, §6): removes cycles longer than <c>period</c>, with
/// w = 0.707·2π/P and α = (cos w + sin w − 1)/cos w. Output 0 until three inputs exist.
/// </summary>
public sealed class TwoPoleHighPass
{
    private readonly double _a;
    private readonly double _b;
    private readonly double _c;
    private double _x1;
    private double _x2;
    private double _hp1;
    private double _hp2;
    private int _count;

    public TwoPoleHighPass(double period)
    {
        if (!double.IsFinite(period) || period < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be at least 2 bars.");
        }

        var w = 0.707 * 2 * Math.PI / period;
        var alpha = (Math.Cos(w) + Math.Sin(w) - 1) / Math.Cos(w);
        _a = (1 - (alpha / 2)) * (1 - (alpha / 2));
        _b = 2 * (1 - alpha);
        _c = (1 - alpha) * (1 - alpha);
    }

    public double Value => _hp1;

    public double Update(double input)
    {
        var value = _count++ < 2 ? 0.0 : (_a * (input - (2 * _x1) + _x2)) + (_b * _hp1) - (_c * _hp2);
        (_x2, _x1) = (_x1, input);
        (_hp2, _hp1) = (_hp1, value);
        return value;
    }
}
