namespace LowLatency.Engine.Strategies;

/// <summary>How a strategy sizes its entries; percentages as 0–100.</summary>
public sealed record SizingConfig
{
    public SizingMethod Method { get; init; } = SizingMethod.FixedFractional;

    /// <summary>Fixed fractional and ATR: equity risked per trade, percent.</summary>
    public double RiskPercent { get; init; } = 1.0;

    /// <summary>ATR sizing: stop distance in ATRs.</summary>
    public double AtrMultiplier { get; init; } = 2.0;

    /// <summary>Kelly: probability of a win.</summary>
    public double WinRate { get; init; } = 0.55;

    /// <summary>Kelly: average win over average loss (b).</summary>
    public double Payoff { get; init; } = 2.0;

    /// <summary>Kelly: share of the full Kelly fraction to use.</summary>
    public double KellyFraction { get; init; } = 0.5;

    /// <summary>Kelly: the largest fraction of equity, whatever the formula says.</summary>
    public double KellyCap { get; init; } = 0.25;
}
