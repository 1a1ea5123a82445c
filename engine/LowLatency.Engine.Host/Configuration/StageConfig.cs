namespace LowLatency.Engine.Host.Configuration;

/// <summary>One consumer stage's thread: CPU to pin to (null: unpinned), wait strategy and batch bound.</summary>
public sealed record StageConfig
{
    public string Name { get; init; } = "";

    public int? Cpu { get; init; }

    public string? WaitStrategy { get; init; }

    public int MaxBatchSize { get; init; } = 4096;
}
