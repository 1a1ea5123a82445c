using LowLatency.Work;

namespace LowLatency.Bridge.Analytics;

/// <summary>Disposes a job's queue side when the job ends, however it ends (its unstarted tasks purged), from the job's synchronous runner.</summary>
internal sealed class RemoteJobScope(RemoteWorkJob job) : IDisposable
{
    public RemoteWorkJob Job => job;

    public void Dispose() => job.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
