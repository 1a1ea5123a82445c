using LowLatency.Engine.Risk;

namespace LowLatency.Engine.Commands;

/// <summary>The outcome of a command: accepted (<see cref="Reason"/> None) or why not; the order it created, if any.</summary>
public readonly record struct CommandResult(long CorrelationId, CommandType Type, RejectReason Reason, long OrderId)
{
    /// <summary>For <see cref="CommandType.SetRiskBudget"/>, accepted or not: the shard's budget and its use after the command.</summary>
    public RiskBudgetReport Budget { get; init; }

    public bool Accepted => Reason == RejectReason.None;
}
