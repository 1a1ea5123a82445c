using BenchmarkDotNet.Attributes;
using LowLatency.Benchmarks.Workloads;
using LowLatency.Disruptor;
using LowLatency.Engine.Pipeline;

namespace LowLatency.Benchmarks.Suites;

/// <summary>
/// A FIX incremental refresh from its bytes to the quote in the ring, beside the simulator's tick into the same
/// ring (no consumer: the ring has no gating sequence, so publishing never waits). MemoryDiagnoser: both 0 B/op.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class FixMarketDataBenchmarks
{
    private const int Messages = 200_000;
    private FixMarketDataWorkload _workload = null!;

    [GlobalSetup]
    public void Setup() => _workload = new FixMarketDataWorkload(RingBuffer<EngineEvent>.CreateSingleProducer(() => new EngineEvent(), 4096));

    [GlobalCleanup]
    public void Cleanup() => _workload.Dispose();

    [Benchmark(OperationsPerInvoke = Messages)]
    public long FixIncrementToQuote()
    {
        for (var i = 0; i < Messages; i++)
        {
            _workload.OneIncrement();
        }

        return _workload.Ring.Cursor;
    }

    [Benchmark(OperationsPerInvoke = Messages, Baseline = true)]
    public long SimulatorTickToQuote()
    {
        for (var i = 0; i < Messages; i++)
        {
            _workload.OneSimulatorTick();
        }

        return _workload.Ring.Cursor;
    }
}
