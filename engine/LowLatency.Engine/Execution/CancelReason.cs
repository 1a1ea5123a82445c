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
}
