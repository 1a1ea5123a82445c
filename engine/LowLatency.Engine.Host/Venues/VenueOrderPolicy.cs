namespace LowLatency.Engine.Host.Venues;

/// <summary>
/// How a FIX venue handles its orders' hard cases: a cancel the venue refuses while the order still works there is
/// sent again <see cref="CancelRetries"/> times, <see cref="CancelRetryDelayMs"/> apart, each under a new ClOrdID (the
/// order stays pending cancel meanwhile, and works on when they run out); after each logon new orders wait for the
/// reconciliation, at most <see cref="ReconcileTimeoutMs"/> (then trading resumes with an error logged); the sender
/// thread spins <see cref="SenderSpinUs"/> for the next order before it parks; a NewOrderSingle older than
/// <see cref="StaleOrderMs"/> that the venue asks for again is gap-filled (the order reported not sent, and
/// cancelled there in case the venue held it queued), because acting on it now could be worse than never.
/// </summary>
public sealed record VenueOrderPolicy(int CancelRetries = 3, int CancelRetryDelayMs = 500, int ReconcileTimeoutMs = 5000, int SenderSpinUs = 0, int StaleOrderMs = 10_000)
{
    public static VenueOrderPolicy Default { get; } = new();
}
