namespace LowLatency.Disruptor.Threading;

/// <summary>The outcome of pinning a thread to a CPU.</summary>
public enum AffinityResult
{
    Pinned,

    /// <summary>This operating system has no supported affinity call; the thread runs unpinned.</summary>
    NotSupported,

    /// <summary>The call was made and refused (e.g. the CPU is outside this process's allowed set).</summary>
    Failed,
}
