namespace LowLatency.Disruptor;

/// <summary>How one consumer stage runs: its thread's name, CPU, wait strategy, batch bound and failure policy.</summary>
public sealed record ProcessorOptions
{
    public static readonly ProcessorOptions Default = new();

    /// <summary>Thread name; defaults to the handler's type name.</summary>
    public string? Name { get; init; }

    /// <summary>CPU to pin the stage's thread to, or null to leave it to the scheduler.</summary>
    public int? Cpu { get; init; }

    /// <summary>This stage's wait strategy; null uses the ring's default.</summary>
    public IWaitStrategy? WaitStrategy { get; init; }

    /// <summary>Largest batch handed to the handler before progress is published.</summary>
    public int MaxBatchSize { get; init; } = int.MaxValue;

    /// <summary>Failure policy; null uses the disruptor's default.</summary>
    public IExceptionHandler? ExceptionHandler { get; init; }
}
