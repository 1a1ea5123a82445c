namespace LowLatency.Engine.Host.Pipeline;

/// <summary>A ring entry of the host pipeline: a value and the timestamps taken at each stage boundary.</summary>
public struct HostEvent
{
    public long Value;
    public long PublishedTicks;
    public long IngestTicks;
    public bool Rejected;
}
