namespace LowLatency.Benchmarks.Workloads;

public readonly struct LongEntryAccess : IEntryAccess<LongEntry>
{
    public void Set(ref LongEntry entry, long value) => entry.Value = value;

    public long Get(ref LongEntry entry) => entry.Value;
}
