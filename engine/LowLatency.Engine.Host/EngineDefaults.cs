using LowLatency.Engine.Host.Configuration;

namespace LowLatency.Engine.Host;

/// <summary>The configuration used when no file is given: suits a 2-core machine (no spinning stage).</summary>
public static class EngineDefaults
{
    public static readonly EngineConfig Config = new()
    {
        Ring = new RingConfig { Size = 65536, Producer = "multi", WaitStrategy = "blocking" },
        Stages =
        [
            new StageConfig { Name = "ingest", WaitStrategy = "blocking" },
            new StageConfig { Name = "metrics", WaitStrategy = "blocking" },
        ],
        Feed = new FeedConfig { EventsPerSecond = 100_000 },
        StatusIntervalSeconds = 5,
    };
}
