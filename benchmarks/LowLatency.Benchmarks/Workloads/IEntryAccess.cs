namespace LowLatency.Benchmarks.Workloads;

/// <summary>
/// Reads and writes an entry's value. Implemented by structs so the generic workloads are specialised
/// (no shared-generic dispatch) for reference and value entries alike.
/// </summary>
public interface IEntryAccess<T>
{
    void Set(ref T entry, long value);

    long Get(ref T entry);
}
