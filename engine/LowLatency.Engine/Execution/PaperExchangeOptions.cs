namespace LowLatency.Engine.Execution;

/// <summary>How the paper exchange simulates a venue. Every random draw comes from <see cref="Seed"/>.</summary>
public sealed record PaperExchangeOptions
{
    /// <summary>Time from acceptance until the venue sees an order.</summary>
    public int LatencyMs { get; init; } = 5;

    /// <summary>Extra random latency, 0 … this many milliseconds.</summary>
    public int LatencyJitterMs { get; init; } = 2;

    /// <summary>Fee on fills that take liquidity (market, marketable limit, triggered stop), basis points of notional.</summary>
    public decimal TakerFeeBps { get; init; } = 5m;

    /// <summary>Fee on fills of orders that rested in the book, basis points of notional.</summary>
    public decimal MakerFeeBps { get; init; } = 2m;

    /// <summary>Adverse slippage on market fills, 0 … this many ticks.</summary>
    public int MaxSlippageTicks { get; init; } = 2;

    /// <summary>Whether a quote can fill an order only partly.</summary>
    public bool PartialFills { get; init; } = true;

    /// <summary>Lots a quote offers to our orders: its size times this.</summary>
    public double LiquidityMultiplier { get; init; } = 50;

    public ulong Seed { get; init; } = 7;
}
