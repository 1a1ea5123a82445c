namespace LowLatency.QuickFix;

/// <summary>Which of QuickFIX's example acceptors to run.</summary>
public enum AcceptorKind
{
    /// <summary>Fills every limit order at its price at once (FIX 4.0–5.0); other order types are rejected.</summary>
    Executor,

    /// <summary>A matching book per symbol (FIX 4.2): limit orders rest and cross between sessions, cancels work.</summary>
    OrderMatch,
}
