namespace LowLatency.Engine.MarketData;

/// <summary>How the simulated market behaves beyond each instrument's own price level and volatility.</summary>
public sealed record SimulatorOptions
{
    public ulong Seed { get; init; } = 42;

    /// <summary>Per-tick chance of switching between the calm and the volatile regime.</summary>
    public double RegimeSwitchProbability { get; init; } = 0.0005;

    /// <summary>Volatility multiplier in the calm and the volatile regime.</summary>
    public double CalmVolatilityFactor { get; init; } = 0.7;

    public double VolatileVolatilityFactor { get; init; } = 2.5;

    /// <summary>Per-tick chance of a price jump, and the jump's size in per-tick standard deviations.</summary>
    public double JumpProbability { get; init; } = 0.0002;

    public double JumpSizeInSigmas { get; init; } = 12;

    public void Validate()
    {
        static bool IsProbability(double p) => p is >= 0 and <= 1;
        if (!IsProbability(RegimeSwitchProbability) || !IsProbability(JumpProbability))
        {
            throw new ArgumentOutOfRangeException(nameof(RegimeSwitchProbability), "Probabilities must lie in [0, 1].");
        }

        if (!(CalmVolatilityFactor > 0) || !(VolatileVolatilityFactor > 0) || !double.IsFinite(CalmVolatilityFactor) || !double.IsFinite(VolatileVolatilityFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(CalmVolatilityFactor), "Volatility factors must be positive and finite.");
        }

        if (!(JumpSizeInSigmas >= 0) || !double.IsFinite(JumpSizeInSigmas))
        {
            throw new ArgumentOutOfRangeException(nameof(JumpSizeInSigmas), "The jump size must be a non-negative number.");
        }
    }
}
