namespace LowLatency.Engine.Execution;

/// <summary>Why an order left the book without filling completely.</summary>
public enum CancelReason : byte
{
    User,
    ImmediateOrCancelRemainder,
    FillOrKillUnfilled,
    OcoSiblingFilled,
    PositionClosed,
    EmergencyStop,
    TradingStopped,
    Halted,
    DayEnded,
    StrategyReversal,

    /// <summary>The venue refused the order (a FIX ExecutionReport rejected, a session or business reject).</summary>
    VenueRejected,

    /// <summary>The venue cancelled the order (not at our request, or our request confirmed).</summary>
    VenueCancelled,

    /// <summary>The order could not reach the venue: its session was not logged on, or a restart found it never sent.</summary>
    VenueUnavailable,
}
