namespace LowLatency.Engine.Host.Configuration;

/// <summary>The engine's <c>config/engine.json</c>: ring, per-stage thread layout, feed and reporting.</summary>
public sealed record EngineConfig
{
    public RingConfig Ring { get; init; } = new();

    public IReadOnlyList<StageConfig> Stages { get; init; } = [];

    public FeedConfig Feed { get; init; } = new();

    /// <summary>Seconds between status lines.</summary>
    public double StatusIntervalSeconds { get; init; } = 5;
}
