namespace LowLatency.Benchmarks.Workloads;

/// <summary>
/// A consumer's processed count, padded, plus the producer-side wait for it. Every workload detects
/// completion the same way, so the comparison measures only the queue.
/// </summary>
public sealed class Progress
{
    private readonly LowLatency.Disruptor.Sequence _count = new(0);

    public long Count => _count.Value;

    /// <summary>Called by the consumer thread only.</summary>
    public void Set(long processed) => _count.SetValue(processed);

    public void WaitFor(long target)
    {
        var spin = default(SpinWait);
        while (_count.Value < target)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }
}
