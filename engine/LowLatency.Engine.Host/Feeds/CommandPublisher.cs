using System.Diagnostics;
using LowLatency.Disruptor;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Pipeline;

namespace LowLatency.Engine.Host.Feeds;

/// <summary>Puts commands into the ring beside the ticks (any thread; the ring is multi-producer), so the trading thread alone acts on them.</summary>
public sealed class CommandPublisher(RingBuffer<EngineEvent> ring)
{
    /// <summary>Publishes a command; false when the ring stayed full for <paramref name="timeout"/>.</summary>
    public bool TryPublish(in Command command, TimeSpan timeout)
    {
        if (!ring.TryNext(out var sequence, Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency)))
        {
            return false;
        }

        ring[sequence].SetCommand(command, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Stopwatch.GetTimestamp());
        ring.Publish(sequence);
        return true;
    }
}
