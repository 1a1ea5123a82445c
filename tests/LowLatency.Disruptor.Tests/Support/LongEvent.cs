namespace LowLatency.Disruptor.Tests.Support;

/// <summary>A reference-type ring entry.</summary>
internal sealed class LongEvent
{
    public long Value { get; set; }

    public int Producer { get; set; }
}
