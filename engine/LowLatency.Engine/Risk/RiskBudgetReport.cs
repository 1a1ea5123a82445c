namespace LowLatency.Engine.Risk;

/// <summary>
/// A shard's answer to a <see cref="Commands.CommandType.SetRiskBudget"/>, taken on its trading thread: the budget
/// it now trades on and how much of it is in use, which is what a coordinator decides the next move from.
/// </summary>
public readonly record struct RiskBudgetReport(RiskBudget Budget, int OpenPositions, double GrossExposure)
{
    /// <summary>What the day has lost so far: the day's starting balance less equity, or 0 in profit.</summary>
    public double DailyLoss { get; init; }

    /// <summary>How far equity is below the peak balance (0 at the peak).</summary>
    public double Drawdown { get; init; }

    /// <summary>The daily loss the configured percentage allows this shard today: its part of the day's pool.</summary>
    public long ConfiguredDailyLoss { get; init; }

    /// <summary>The drawdown the configured percentage allows at the shard's peak: its part of the drawdown pool.</summary>
    public long ConfiguredDrawdown { get; init; }

    /// <summary>The daily loss the shard halts at: its slice, or before any fence what its percentage allows.</summary>
    public long MaxDailyLoss => Budget.HasLossSlices ? Budget.MaxDailyLoss : ConfiguredDailyLoss;

    /// <summary>The drawdown the shard halts at: its slice, or before any fence what its percentage allows.</summary>
    public long MaxDrawdown => Budget.HasLossSlices ? Budget.MaxDrawdown : ConfiguredDrawdown;

    /// <summary>The shard's trading day (UTC midnight): daily-loss slices move only between shards on the same day.</summary>
    public long DayStartMs { get; init; }
}
