using LowLatency.Engine.State;

namespace LowLatency.Engine.Risk;

/// <summary>
/// A cluster shard's slice of the account-wide open-positions and gross-exposure limits, as a coordinator last
/// moved it, and the pool the slices are cut from (what every shard's slices add up to at most). Version 0 is the
/// configured share, before any move; each change takes the next version, and <see cref="Epoch"/> is the newest
/// coordinator's fence: one with an older epoch is refused (<see cref="RiskBudgetRequest"/>). Journalled as a
/// <see cref="RecordType.RiskBudgetChanged"/>, so a restarted shard trades on the slice it had, not its configured share.
/// </summary>
public readonly record struct RiskBudget(long Epoch, long Version, int MaxOpenPositions, long MaxGrossExposure, int PoolOpenPositions, long PoolGrossExposure)
{
    /// <summary>The record that makes this the shard's budget (its fields' one mapping onto the record's).</summary>
    public TradingRecord ToRecord(long correlationId, long timeMs) => new()
    {
        Type = RecordType.RiskBudgetChanged, TimeMs = timeMs, CorrelationId = correlationId, BidTicks = Epoch, AskTicks = Version,
        QuantityLots = MaxOpenPositions, StopTicks = PoolOpenPositions, PriceTicks = MaxGrossExposure, TakeProfitTicks = PoolGrossExposure,
    };

    public static RiskBudget FromRecord(in TradingRecord r) =>
        new(r.BidTicks, r.AskTicks, (int)r.QuantityLots, r.PriceTicks, (int)r.StopTicks, r.TakeProfitTicks);
}
