using BenchmarkDotNet.Attributes;
using LowLatency.Benchmarks.Workloads;
using LowLatency.Disruptor;

namespace LowLatency.Benchmarks.Suites;

/// <summary>One producer → one consumer: our ring (reference and value entries) against Channels and BlockingCollection.</summary>
[Config(typeof(BenchmarkConfig))]
public class OneToOneThroughputBenchmarks
{
    private const int Events = 2_000_000;
    private IThroughputWorkload? _workload;

    [GlobalSetup(Target = nameof(Channel))]
    public void SetupChannel() => _workload = new ChannelOneToOne();

    [GlobalSetup(Target = nameof(BlockingCollection))]
    public void SetupBlockingCollection() => _workload = new BlockingCollectionOneToOne();

    [GlobalSetup(Target = nameof(RingReference))]
    public void SetupRingReference() => _workload = new RingOneToOne<LongEntry, LongEntryAccess>(() => new LongEntry(), new YieldingWaitStrategy());

    [GlobalSetup(Target = nameof(RingValue))]
    public void SetupRingValue() => _workload = new RingOneToOne<ValueEntry, ValueEntryAccess>(null, new YieldingWaitStrategy());

    [GlobalSetup(Target = nameof(RingValueBatch10))]
    public void SetupRingValueBatch() => _workload = new RingOneToOne<ValueEntry, ValueEntryAccess>(null, new YieldingWaitStrategy(), batch: 10);

    [GlobalCleanup]
    public void Cleanup() => _workload?.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public void Channel() => _workload!.Run(Events);

    [Benchmark(OperationsPerInvoke = Events)]
    public void BlockingCollection() => _workload!.Run(Events);

    [Benchmark(OperationsPerInvoke = Events)]
    public void RingReference() => _workload!.Run(Events);

    [Benchmark(OperationsPerInvoke = Events)]
    public void RingValue() => _workload!.Run(Events);

    [Benchmark(OperationsPerInvoke = Events)]
    public void RingValueBatch10() => _workload!.Run(Events);
}
