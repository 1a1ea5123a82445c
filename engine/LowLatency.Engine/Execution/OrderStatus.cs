namespace LowLatency.Engine.Execution;

/// <summary>
/// An order's lifecycle: new → accepted → partially filled → filled / cancelled / rejected / expired. An order a
/// real venue works passes through the pending states, because there the engine's decision is only a request: it
/// is pending new until the venue acknowledges it, and pending cancel or replace until the venue answers.
/// </summary>
public enum OrderStatus : byte
{
    New,
    Accepted,
    PartiallyFilled,
    Filled,
    Cancelled,
    Rejected,
    Expired,

    /// <summary>Sent to a real venue, not yet acknowledged by it.</summary>
    PendingNew,

    /// <summary>A cancel asked of the venue, not yet answered: the order still works there and its fills are booked.</summary>
    PendingCancel,

    /// <summary>A new quantity asked of the venue, not yet answered: the order works at its old quantity until then.</summary>
    PendingReplace,
}
