namespace LowLatency.Benchmarks.Workloads;

/// <summary>Entry of the three-stage pipeline: each stage reads the previous stage's output field.</summary>
public struct PipelineEntry
{
    public long Value;
    public long StageOne;
    public long StageTwo;
}
