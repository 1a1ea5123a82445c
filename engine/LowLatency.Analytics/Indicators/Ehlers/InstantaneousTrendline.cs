namespace LowLatency.Analytics.Indicators.Ehlers;

/// <summary>
/// Ehlers' Instantaneous Trendline (FORMULAS.md §4, Cybernetic Analysis form) with α (default 0.07); the first
/// 7 bars use (x + 2x₋₁ + x₋₂)/4 (the input itself before three inputs); trigger = 2·IT − IT₋₂ (IT for the first two bars).
/// </summary>
public sealed class InstantaneousTrendline
{
    private const int WarmUpBars = 7;
    private readonly double _alpha;
    private readonly RollingWindow _inputs = new(3);
    private double _trend1;
    private double _trend2;
    private int _count;

    public InstantaneousTrendline(double alpha = 0.07)
    {
        if (!(alpha is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must lie in (0, 1).");
        }

        _alpha = alpha;
    }

    public double Value => _trend1;

    public double Trigger { get; private set; }

    public double Update(double input)
    {
        _inputs.Add(input);
        double trend;
        if (_count++ < WarmUpBars)
        {
            trend = _inputs.IsFull ? (_inputs[0] + (2 * _inputs[1]) + _inputs[2]) / 4 : input;
        }
        else
        {
            var a = _alpha;
            trend = ((a - (a * a / 4)) * _inputs[0]) + (a * a / 2 * _inputs[1]) - ((a - (3 * a * a / 4)) * _inputs[2])
                + (2 * (1 - a) * _trend1) - ((1 - a) * (1 - a) * _trend2);
        }

        // IT₋₂ exists from the third bar; before it the trigger is the trendline itself, not 2·IT − 0.
        Trigger = _count > 2 ? (2 * trend) - _trend2 : trend;
        (_trend2, _trend1) = (_trend1, trend);
        return trend;
    }
}
