namespace LowLatency.Engine.Host.Configuration;

/// <summary>One consumer thread: the pipeline stages it runs (in order), the CPU to pin it to (null: unpinned), its wait strategy and batch bound.</summary>
public sealed record ThreadConfig
{
    public string Name { get; init; } = "";

    public IReadOnlyList<string> Stages { get; init; } = [];

    public int? Cpu { get; init; }

    public string? WaitStrategy { get; init; }

    public int MaxBatchSize { get; init; } = 1024;
}
