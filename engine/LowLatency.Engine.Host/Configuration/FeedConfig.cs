namespace LowLatency.Engine.Host.Configuration;

public sealed record FeedConfig
{
    /// <summary>Synthetic events published per second.</summary>
    public double EventsPerSecond { get; init; } = 100_000;
}
