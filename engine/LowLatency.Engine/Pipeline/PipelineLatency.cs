using System.Diagnostics;
using HdrHistogram;

namespace LowLatency.Engine.Pipeline;

/// <summary>
/// Tick→signal (arrival in the ring to the end of the signal stage, every tick) and tick→order (arrival to an order
/// leaving the routing stage) latencies, in nanoseconds. Recording is allocation-free and thread-safe;
/// readers take interval snapshots from another thread.
/// </summary>
public sealed class PipelineLatency
{
    public const long HighestNanoseconds = 60_000_000_000L;
    private static readonly double TicksToNanoseconds = 1e9 / Stopwatch.Frequency;

    public Recorder TickToSignal { get; } = NewRecorder();

    public Recorder TickToOrder { get; } = NewRecorder();

    /// <summary>Ingest to the end of routing for every tick (the full pipeline).</summary>
    public Recorder TickToRouted { get; } = NewRecorder();

    public static void Record(Recorder recorder, long fromTicks, long toTicks)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        var nanoseconds = (long)((toTicks - fromTicks) * TicksToNanoseconds);
        recorder.RecordValue(Math.Clamp(nanoseconds, 1, HighestNanoseconds));
    }

    /// <summary>A recorder of nanoseconds up to a minute, as every latency of the engine is kept.</summary>
    public static Recorder NewRecorder() => new(1, HighestNanoseconds, 3, (id, low, high, digits) => new LongHistogram(id, low, high, digits));
}
