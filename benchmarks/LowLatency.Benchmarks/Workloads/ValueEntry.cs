namespace LowLatency.Benchmarks.Workloads;

/// <summary>Value-type ring entry (inline in the ring's array, accessed by ref).</summary>
public struct ValueEntry
{
    public long Value;
}
