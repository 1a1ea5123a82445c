using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;

namespace LowLatency.Engine.Backtest;

/// <summary>The account, risk limits and simulated venue a backtest trades against (the live engine's, by default).</summary>
public sealed record BacktestOptions
{
    public AccountOptions Account { get; init; } = new();

    public RiskLimits Risk { get; init; } = new();

    public PaperExchangeOptions Exchange { get; init; } = new();

    /// <summary>Called with 0–1 now and then (every 2^16 ticks) so long runs can show progress.</summary>
    public Action<double>? Progress { get; init; }
}
