namespace LowLatency.Analytics.Indicators.Ehlers;

/// <summary>
/// Ehlers' Simple Decycler and Decycler Oscillator (FORMULAS.md §6, TASC 2015): Decycle = x − HP(x) with the
/// 2-pole high-pass (default 125); Oscillator = 100·K·HP₂(Decycle)/x with a high-pass of half the period.
/// </summary>
public sealed class Decycler
{
    private readonly TwoPoleHighPass _highPass;
    private readonly TwoPoleHighPass _oscillatorHighPass;
    private readonly double _k;

    public Decycler(double highPassPeriod = 125, double k = 1)
    {
        if (!double.IsFinite(k) || k <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "K must be positive.");
        }

        _highPass = new TwoPoleHighPass(highPassPeriod);
        _oscillatorHighPass = new TwoPoleHighPass(highPassPeriod / 2);
        _k = k;
    }

    public double Value { get; private set; }

    public double Oscillator { get; private set; }

    public double Update(double input)
    {
        Value = input - _highPass.Update(input);
        var oscillator = _oscillatorHighPass.Update(Value);
        Oscillator = input != 0 ? 100 * _k * oscillator / input : 0.0;
        return Value;
    }
}
