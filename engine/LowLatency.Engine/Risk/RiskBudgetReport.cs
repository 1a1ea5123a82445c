namespace LowLatency.Engine.Risk;

/// <summary>
/// A shard's answer to a <see cref="Commands.CommandType.SetRiskBudget"/>, taken on its trading thread: the budget
/// it now trades on and how much of it is in use, which is what a coordinator decides the next move from.
/// </summary>
public readonly record struct RiskBudgetReport(RiskBudget Budget, int OpenPositions, double GrossExposure);
