namespace LowLatency.Ipc.Server;

/// <summary>The engine side of the link (engine.json <c>ipc</c>).</summary>
public sealed record LinkOptions
{
    /// <summary>Listen for the bridge at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Loopback TCP port.</summary>
    public int Port { get; init; } = 5010;

    /// <summary>Most quote frames per instrument per second (intermediate quotes are conflated away).</summary>
    public double QuoteRateHz { get; init; } = 20;

    /// <summary>
    /// Closed one-minute bars kept per instrument and replayed to every bridge that connects, so that bars which
    /// closed while it was away (restart, reconnect, started later) still reach its history; 0 keeps none.
    /// </summary>
    public int BarHistoryMinutes { get; init; } = 1440;

    /// <summary>
    /// Finished orders the link remembers and sends with a resync snapshot (those after the bridge's last sequence),
    /// so a bridge that was away shows every order's final status.
    /// </summary>
    public int FinishedOrdersOnResync { get; init; } = 10_000;

    /// <summary>A bridge that does not take a write within this long is disconnected (it resyncs when it comes back).</summary>
    public double WriteTimeoutSeconds { get; init; } = 2;
}
