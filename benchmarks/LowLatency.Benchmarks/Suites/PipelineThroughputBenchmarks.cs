using BenchmarkDotNet.Attributes;
using LowLatency.Benchmarks.Workloads;
using LowLatency.Disruptor;

namespace LowLatency.Benchmarks.Suites;

/// <summary>One producer → three chained stages: one ring with a stage graph against chained Channels and BlockingCollections.</summary>
[Config(typeof(BenchmarkConfig))]
public class PipelineThroughputBenchmarks
{
    private const int Events = 1_000_000;
    private IThroughputWorkload? _workload;

    [GlobalSetup(Target = nameof(Channel))]
    public void SetupChannel() => _workload = new ChannelPipeline();

    [GlobalSetup(Target = nameof(BlockingCollection))]
    public void SetupBlockingCollection() => _workload = new BlockingCollectionPipeline();

    [GlobalSetup(Target = nameof(RingYielding))]
    public void SetupRingYielding() => _workload = new RingPipeline(() => new YieldingWaitStrategy());

    [GlobalSetup(Target = nameof(RingBlocking))]
    public void SetupRingBlocking() => _workload = new RingPipeline(() => new BlockingWaitStrategy());

    [GlobalCleanup]
    public void Cleanup() => _workload?.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public void Channel() => _workload!.Run(Events);

    [Benchmark(OperationsPerInvoke = Events)]
    public void BlockingCollection() => _workload!.Run(Events);

    [Benchmark(OperationsPerInvoke = Events)]
    public void RingYielding() => _workload!.Run(Events);

    [Benchmark(OperationsPerInvoke = Events)]
    public void RingBlocking() => _workload!.Run(Events);
}
