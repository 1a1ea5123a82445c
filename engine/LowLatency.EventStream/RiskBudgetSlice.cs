using LowLatency.Engine.Risk;

namespace LowLatency.EventStream;

/// <summary>One shard's part of each account limit a coordinator moves: open positions, gross exposure, and the daily loss and drawdown it may take.</summary>
public readonly record struct RiskBudgetSlice(int Positions, long Gross, long DailyLoss, long Drawdown)
{
    /// <summary>The slice a shard trades on (its loss slices the percentages' figures where it has none yet).</summary>
    public static RiskBudgetSlice Of(in RiskBudgetReport report) => new(report.Budget.MaxOpenPositions, report.Budget.MaxGrossExposure, report.MaxDailyLoss, report.MaxDrawdown);

    /// <summary>Each part the smaller of the two: a shrink towards <paramref name="target"/> that grows nothing.</summary>
    public RiskBudgetSlice Min(in RiskBudgetSlice target) =>
        new(Math.Min(Positions, target.Positions), Math.Min(Gross, target.Gross), Math.Min(DailyLoss, target.DailyLoss), Math.Min(Drawdown, target.Drawdown));
}
