namespace LowLatency.Engine.Execution;

/// <summary>Where a venue report leaves an order, after any fill it carries.</summary>
public enum VenueOutcome : byte
{
    /// <summary>Still working (acknowledged, partly filled, or a status answer for a live order).</summary>
    Working,

    /// <summary>Filled completely: the report's cumulative quantity is the order's.</summary>
    Filled,

    Cancelled,

    Rejected,

    Expired,

    /// <summary>The order never reached the venue (its session was down, or a restart found it unsent): cancelled here, never sent later.</summary>
    NotSent,

    /// <summary>A replace accepted: the order works at the report's venue quantity.</summary>
    Replaced,

    /// <summary>A replace refused while the order still works, at the quantity it had.</summary>
    ReplaceRejected,

    /// <summary>A cancel refused (for good: the venue's retries are spent) while the order still works.</summary>
    CancelRejected,

    /// <summary>About no order: the venue's word on every order the journal may have there is in (<see cref="VenueReport.Logon"/>): trading on it may resume.</summary>
    Reconciled,

    /// <summary>About no order: the venue's net position in the report's instrument (<see cref="VenueReport.CumulativeLots"/>, signed), which the journal must hold too.</summary>
    PositionStated,
}
