namespace LowLatency.Engine.Risk;

/// <summary>Why an order or command was refused. Pre-trade checks run in DESIGN.md's order; the first failure wins.</summary>
public enum RejectReason : byte
{
    None,
    KillSwitch,
    TradingStopped,
    TradingPaused,
    TradingHalted,
    InstrumentNotTradable,
    NoMarketData,
    PriceBand,
    MaxOrderQuantity,
    MaxOrderNotional,
    MaxPosition,
    MaxOpenPositions,
    DailyLossLimit,
    DrawdownLimit,
    OrderRate,
    InvalidQuantity,
    InvalidPrice,
    InvalidOrder,
    UnknownOrder,
    OrderNotWorking,
    NoPosition,
    SizeBelowOneLot,
    InvalidState,

    /// <summary>
    /// No longer given (brackets on FIX venues were refused until cancel/replace was sent there); kept so journals
    /// and snapshots that hold it still read.
    /// </summary>
    VenueUnsupported,

    /// <summary>No quote for the instrument arrived within its <see cref="RiskLimits.StaleAfterMs"/> (live only); orders that add risk wait for fresh prices.</summary>
    StaleMarketData,

    /// <summary>The instrument's venue has not finished reconciling since the start or its last logon (<see cref="Execution.IVenue.IsReady"/>): new orders wait for it.</summary>
    VenueReconciling,

    /// <summary>The venue's own published rules (an exchange's price tick, lot step, minimum notional, percent price) would refuse it there (<see cref="Execution.IVenue.Screen"/>).</summary>
    VenueFilter,

    /// <summary>The order would take the sum of all positions' notional past <see cref="RiskLimits.MaxGrossExposure"/>.</summary>
    MaxGrossExposure,

    /// <summary>A risk-budget request under an epoch older than the shard's (another coordinator took over) or a version it no longer has (the budget moved since it was read).</summary>
    RiskBudgetConflict,

    /// <summary>A risk budget below what the shard has in use (its open positions or gross exposure): shrinking it would let the account's total pass its limit.</summary>
    RiskBudgetInUse,
}
