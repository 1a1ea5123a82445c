using LowLatency.Engine.Host.Configuration;

namespace LowLatency.Engine.Host;

/// <summary>
/// The configuration used when no file is given: two blocking consumer threads (market data: ingest →
/// indicators → signals; trading: risk → routing) beside the feed thread, which suits a 2-core machine.
/// </summary>
public static class EngineDefaults
{
    public static readonly EngineConfig Config = new()
    {
        Ring = new RingConfig { Size = 8192, Producer = "multi", WaitStrategy = "blocking" },
        Threads =
        [
            new ThreadConfig { Name = "market", Stages = ["ingest", "indicators", "signals"], WaitStrategy = "blocking" },
            new ThreadConfig { Name = "trading", Stages = ["risk", "routing"], WaitStrategy = "blocking" },
        ],
        Feed = new FeedConfig(),
        StatusIntervalSeconds = 5,
    };
}
