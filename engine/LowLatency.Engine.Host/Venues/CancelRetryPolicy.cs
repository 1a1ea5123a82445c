namespace LowLatency.Engine.Host.Venues;

/// <summary>
/// How often a cancel the venue refuses while the order is still working there is sent again, and how long apart.
/// The engine holds the order cancelled from the moment it decided to, so until the venue agrees the order is live
/// where no one sees it: retried, each time under a new ClOrdID, then logged as an error when the retries run out.
/// </summary>
public sealed record CancelRetryPolicy(int Retries = 3, int DelayMs = 500)
{
    public static CancelRetryPolicy Default { get; } = new();
}
