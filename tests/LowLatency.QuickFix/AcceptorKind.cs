namespace LowLatency.QuickFix;

/// <summary>Which QuickFIX acceptor to run.</summary>
public enum AcceptorKind
{
    /// <summary>Fills every limit order at its price at once (FIX 4.0–5.0); other order types are rejected.</summary>
    Executor,

    /// <summary>A matching book per symbol (FIX 4.2): limit orders rest and cross between sessions, cancels work.</summary>
    OrderMatch,

    /// <summary>
    /// Our matching venue on QuickFIX's acceptor (<c>tests/fix-acceptors/book</c>), FIX 4.2 and 4.4: what
    /// ordermatch does plus market, stop and IOC orders, cancel/replace, order status, and on command crafted reports or refused replaces.
    /// </summary>
    Book,
}
