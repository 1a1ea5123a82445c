namespace LowLatency.Analytics.Indicators.Ehlers;

/// <summary>
/// Ehlers' Roofing filter (FORMULAS.md §2): a 2-pole high-pass (default 48) then a 2013 Super Smoother
/// (default 10): passes only cycles between the two periods.
/// </summary>
public sealed class RoofingFilter(double highPassPeriod = 48, double smootherPeriod = 10)
{
    private readonly TwoPoleHighPass _highPass = new(highPassPeriod);
    private readonly SuperSmoother _smoother = new(smootherPeriod);

    public double Value => _smoother.Value;

    public double Update(double input) => _smoother.Update(_highPass.Update(input));
}
