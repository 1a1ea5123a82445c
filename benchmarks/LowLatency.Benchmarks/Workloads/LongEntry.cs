namespace LowLatency.Benchmarks.Workloads;

/// <summary>Reference-type ring entry.</summary>
public sealed class LongEntry
{
    public long Value;
}
