namespace LowLatency.Engine.Host.Configuration;

public sealed record RingConfig
{
    /// <summary>Entries in the ring; a power of two.</summary>
    public int Size { get; init; } = 8192;

    /// <summary><c>single</c> or <c>multi</c>: how many threads publish.</summary>
    public string Producer { get; init; } = "multi";

    /// <summary>Default wait strategy of stages that name none (see <c>WaitStrategyFactory.Names</c>).</summary>
    public string WaitStrategy { get; init; } = "blocking";
}
