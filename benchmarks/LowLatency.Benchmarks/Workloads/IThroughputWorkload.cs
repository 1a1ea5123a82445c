namespace LowLatency.Benchmarks.Workloads;

/// <summary>A producer → consumer(s) set-up whose threads are started once and reused across runs.</summary>
public interface IThroughputWorkload : IDisposable
{
    /// <summary>Publishes <paramref name="events"/> events from the calling thread and returns when the last stage has processed them all.</summary>
    void Run(long events);

    /// <summary>A checksum of what the last stage saw, so no stage's work can be optimised away.</summary>
    long Checksum { get; }
}
