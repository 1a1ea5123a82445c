namespace LowLatency.Disruptor.Tests.Support;

/// <summary>A value-type ring entry, accessed by ref.</summary>
internal struct ValueEvent
{
    public long Value;
    public int Producer;
    public long StageMark;
}
