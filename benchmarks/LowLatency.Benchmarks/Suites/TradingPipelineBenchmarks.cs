using BenchmarkDotNet.Attributes;
using LowLatency.Benchmarks.Workloads;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;

namespace LowLatency.Benchmarks.Suites;

/// <summary>One tick through all five stages on one thread (backtest mode), MemoryDiagnoser: must be 0 B/op.</summary>
[Config(typeof(BenchmarkConfig))]
public class TradingPipelineBenchmarks
{
    private const int Ticks = 200_000;
    private Tick[] _ticks = [];
    private TradingPipeline _pipeline = null!;
    private long _cycle;
    private EngineEvent _entry;

    [GlobalSetup]
    public void Setup()
    {
        _ticks = TradingSetup.Ticks(Ticks);
        _pipeline = TradingSetup.NewPipeline(measureLatency: false);
    }

    [Benchmark(OperationsPerInvoke = Ticks)]
    public long ProcessTick()
    {
        // Each invocation replays the history shifted later in time, so bars keep closing and the strategy keeps trading.
        var shift = _cycle++ * Ticks * 100L;
        for (var i = 0; i < _ticks.Length; i++)
        {
            _entry.SetTick(_ticks[i], 0);
            _entry.Tick.TimestampMs += shift;
            _entry.TimeMs = _entry.Tick.TimestampMs;
            _pipeline.Process(ref _entry, i, false);
        }

        return _pipeline.Core.Sequence;
    }
}
