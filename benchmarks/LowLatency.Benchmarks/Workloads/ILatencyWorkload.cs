using HdrHistogram;

namespace LowLatency.Benchmarks.Workloads;

/// <summary>A ping-pong set-up: the calling thread sends, an echo thread answers, each round trip is recorded.</summary>
public interface ILatencyWorkload : IDisposable
{
    /// <summary>Performs <paramref name="roundTrips"/> round trips, recording each in nanoseconds.</summary>
    void Run(int roundTrips, HistogramBase histogram);
}
