namespace LowLatency.Engine.Execution;

/// <summary>
/// A real venue's report on one of our orders, in engine units, published into the ring by the venue's I/O
/// thread. Idempotent by construction: it carries the cumulative filled quantity, so a report seen twice (a
/// resend after a reconnect) adds no fill, and an order already finished ignores a repeated terminal outcome.
/// </summary>
public struct VenueReport
{
    public long OrderId;

    /// <summary>The incarnation the venue's ClOrdID names with <see cref="OrderId"/>: an order of another is not the journal's order of that id.</summary>
    public int Incarnation;
    public int InstrumentId;
    public VenueOutcome Outcome;

    /// <summary>Lots filled so far on the venue, in total.</summary>
    public long CumulativeLots;

    /// <summary>The price of the fill this report announces (its LastPx), in ticks; 0 when none.</summary>
    public long LastPriceTicks;

    /// <summary>The order's quantity at the venue by this report (its OrderQty), in lots; 0 when the report does not say.</summary>
    public long VenueQuantityLots;

    public long TimeMs;

    /// <summary>The venue's logon a <see cref="VenueOutcome.Reconciled"/> report completes.</summary>
    public int Logon;

    /// <summary>The venue's own reference (a FIX MsgSeqNum): handed back through <see cref="IVenue.Applied"/> so it can confirm durability.</summary>
    public long Token;
}
