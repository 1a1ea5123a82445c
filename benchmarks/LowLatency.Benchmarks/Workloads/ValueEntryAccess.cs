namespace LowLatency.Benchmarks.Workloads;

public readonly struct ValueEntryAccess : IEntryAccess<ValueEntry>
{
    public void Set(ref ValueEntry entry, long value) => entry.Value = value;

    public long Get(ref ValueEntry entry) => entry.Value;
}
