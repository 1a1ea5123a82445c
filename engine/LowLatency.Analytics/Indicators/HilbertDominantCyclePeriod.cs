namespace LowLatency.Analytics.Indicators;

/// <summary>
/// Ehlers' Hilbert-transform dominant cycle period (TA-Lib HT_DCPERIOD): the smoothed homodyne period,
/// first output at bar 32 (TA-Lib's lookback). Variant: TA-Lib's, all state starting at 0 (FORMULAS.md §9.1).
/// </summary>
public sealed class HilbertDominantCyclePeriod
{
    private const int Lookback = 32;
    private readonly HilbertTransformer _core = new();

    public bool IsReady => _core.Bars > Lookback;

    public double Value { get; private set; } = double.NaN;

    public bool Update(double input)
    {
        _core.Update(input);
        if (!IsReady)
        {
            return false;
        }

        Value = _core.SmoothPeriod;
        return true;
    }
}
