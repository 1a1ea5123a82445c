namespace LowLatency.Engine.Host.Venues;

/// <summary>
/// What a FIX venue does with a cancel the venue refuses while the order still works there: sent again
/// <see cref="CancelRetries"/> times, <see cref="CancelRetryDelayMs"/> apart, each under a new ClOrdID. The engine
/// holds the order cancelled from the moment it decided to, so until the venue agrees the order is live where no
/// one sees it; an error is logged when the retries run out.
/// </summary>
public sealed record VenueOrderPolicy(int CancelRetries = 3, int CancelRetryDelayMs = 500)
{
    public static VenueOrderPolicy Default { get; } = new();
}
