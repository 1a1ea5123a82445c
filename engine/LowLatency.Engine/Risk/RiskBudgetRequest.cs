using LowLatency.Engine.Commands;

namespace LowLatency.Engine.Risk;

/// <summary>
/// What a coordinator asks of a shard's budget, carried in a <see cref="Command"/> of type
/// <see cref="CommandType.SetRiskBudget"/> (this type holds the one mapping onto the command's fields).
/// <list type="bullet">
/// <item>A read (<see cref="Read"/>): the report alone; it changes nothing, so nothing is journalled.</item>
/// <item>A fence (<see cref="ExpectedVersion"/> = <see cref="Fence"/>): the coordinator takes the shard over with
/// an epoch above the one it holds, and sets the pool; the slice is unchanged, and a shard without loss slices
/// cuts them from its configured percentages. An epoch not above is refused.</item>
/// <item>A move: under the shard's current epoch and version (compare and set), a new slice, never below what is
/// in use: a coordinator shrinks one shard before it grows another, so the slices never add up to more than the pool.
/// A new trading day takes the next version too, so a move decided on yesterday's daily loss is refused.</item>
/// </list>
/// </summary>
public readonly record struct RiskBudgetRequest(long Epoch, long ExpectedVersion, int MaxOpenPositions, long MaxGrossExposure, int PoolOpenPositions, long PoolGrossExposure, long MaxDailyLoss, long MaxDrawdown)
{
    public const long Fence = -1;

    public static RiskBudgetRequest Read { get; } = new(0, Fence, 0, 0, 0, 0, 0, 0);

    /// <summary>Whether <paramref name="command"/> is a <see cref="Read"/>.</summary>
    public static bool IsRead(in Command command) => command.Type == CommandType.SetRiskBudget && FromCommand(command) == Read;

    public Command ToCommand(long correlationId) => new()
    {
        Type = CommandType.SetRiskBudget, CorrelationId = correlationId, LimitTicks = Epoch, StopTicks = ExpectedVersion,
        QuantityLots = MaxOpenPositions, StopLossTicks = MaxGrossExposure, InstrumentId = PoolOpenPositions, TakeProfitTicks = PoolGrossExposure,
        OrderId = MaxDailyLoss, MaxDrawdown = MaxDrawdown,
    };

    public static RiskBudgetRequest FromCommand(in Command c) =>
        new(c.LimitTicks, c.StopTicks, (int)Math.Clamp(c.QuantityLots, int.MinValue, int.MaxValue), c.StopLossTicks, c.InstrumentId, c.TakeProfitTicks, c.OrderId, c.MaxDrawdown);
}
