namespace LowLatency.Analytics.Indicators.Ehlers;

/// <summary>
/// Ehlers' Cyber Cycle (FORMULAS.md §3), book variant: a 4-bar symmetric FIR smoothing, then the 2-pole
/// high-pass with α (default 0.07); the first 7 bars use (x − 2x₋₁ + x₋₂)/4 (0 before three inputs);
/// trigger = the previous cycle value.
/// </summary>
public sealed class CyberCycle
{
    private const int WarmUpBars = 7;
    private readonly double _a;
    private readonly double _b;
    private readonly double _c;
    private readonly RollingWindow _inputs = new(4);
    private readonly RollingWindow _smooth = new(3);
    private double _cycle1;
    private double _cycle2;
    private int _count;

    public CyberCycle(double alpha = 0.07)
    {
        if (!(alpha is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must lie in (0, 1).");
        }

        _a = (1 - (alpha / 2)) * (1 - (alpha / 2));
        _b = 2 * (1 - alpha);
        _c = (1 - alpha) * (1 - alpha);
    }

    public double Value => _cycle1;

    public double Trigger => _cycle2;

    public double Update(double input)
    {
        _inputs.Add(input);
        var smooth = _inputs.IsFull ? (_inputs[0] + (2 * _inputs[1]) + (2 * _inputs[2]) + _inputs[3]) / 6 : input;
        _smooth.Add(smooth);
        double cycle;
        if (_count++ < WarmUpBars)
        {
            cycle = _inputs.Count >= 3 ? (_inputs[0] - (2 * _inputs[1]) + _inputs[2]) / 4 : 0.0;
        }
        else
        {
            cycle = (_a * (_smooth[0] - (2 * _smooth[1]) + _smooth[2])) + (_b * _cycle1) - (_c * _cycle2);
        }

        (_cycle2, _cycle1) = (_cycle1, cycle);
        return cycle;
    }
}
