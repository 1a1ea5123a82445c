using System.Diagnostics;
using LowLatency.Disruptor;

namespace LowLatency.Engine.Host.Pipeline;

/// <summary>First stage: stamps the ingest time and rejects malformed input (negative values) without stopping.</summary>
public sealed class IngestStage : IEventHandler<HostEvent>
{
    private long _rejected;

    public long Rejected => Volatile.Read(ref _rejected);

    public void OnEvent(ref HostEvent entry, long sequence, bool endOfBatch)
    {
        entry.IngestTicks = Stopwatch.GetTimestamp();
        entry.Rejected = entry.Value < 0;
        if (entry.Rejected)
        {
            Volatile.Write(ref _rejected, _rejected + 1);
        }
    }
}
