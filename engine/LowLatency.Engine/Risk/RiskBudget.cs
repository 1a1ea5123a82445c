using LowLatency.Engine.State;

namespace LowLatency.Engine.Risk;

/// <summary>
/// A cluster shard's slice of the account-wide limits as a coordinator last moved it: open positions and gross
/// exposure, with the pool the slices are cut from (what every shard's slices add up to at most), and the daily loss
/// and drawdown it may take, in the account's currency. Version 0 is the configured share, before any move; each
/// change takes the next version, and <see cref="Epoch"/> is the newest coordinator's fence: one with an older epoch
/// is refused (<see cref="RiskBudgetRequest"/>). Journalled as a <see cref="RecordType.RiskBudgetChanged"/>, so a
/// restarted shard trades on the slice it had, not its configured share.
/// </summary>
public readonly record struct RiskBudget(long Epoch, long Version, int MaxOpenPositions, long MaxGrossExposure, int PoolOpenPositions, long PoolGrossExposure)
{
    /// <summary>
    /// Whether <see cref="MaxDailyLoss"/> and <see cref="MaxDrawdown"/> hold: a fence sets them from the configured
    /// percentages. A budget journalled before they existed has none, and its shard keeps trading on the percentages.
    /// </summary>
    public bool HasLossSlices { get; init; }

    /// <summary>How far equity may fall below the day's starting balance, this trading day (a new day re-cuts it to the configured percentage).</summary>
    public long MaxDailyLoss { get; init; }

    /// <summary>How far equity may fall below the peak balance.</summary>
    public long MaxDrawdown { get; init; }

    /// <summary>The record that makes this the shard's budget (its fields' one mapping onto the record's).</summary>
    public TradingRecord ToRecord(long correlationId, long timeMs) => new()
    {
        Type = RecordType.RiskBudgetChanged, TimeMs = timeMs, CorrelationId = correlationId, BidTicks = Epoch, AskTicks = Version,
        QuantityLots = MaxOpenPositions, StopTicks = PoolOpenPositions, PriceTicks = MaxGrossExposure, TakeProfitTicks = PoolGrossExposure,
        Flag = HasLossSlices, StopLossTicks = MaxDailyLoss, ParentId = MaxDrawdown,
    };

    public static RiskBudget FromRecord(in TradingRecord r) =>
        new(r.BidTicks, r.AskTicks, (int)r.QuantityLots, r.PriceTicks, (int)r.StopTicks, r.TakeProfitTicks) { HasLossSlices = r.Flag, MaxDailyLoss = r.StopLossTicks, MaxDrawdown = r.ParentId };
}
