namespace LowLatency.Engine.Strategies;

/// <summary>Bracket exits as ATR multiples (the original signal engine's 1.5 / 3 ATR, R:R 2).</summary>
public sealed record ExitConfig
{
    public int AtrPeriod { get; init; } = 14;

    public double StopLossAtr { get; init; } = 1.5;

    public double TakeProfitAtr { get; init; } = 3.0;
}
