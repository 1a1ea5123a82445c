using BenchmarkDotNet.Attributes;
using LowLatency.Analytics;
using LowLatency.Analytics.Indicators;
using LowLatency.Analytics.Indicators.Ehlers;
using LowLatency.Engine.MarketData;

namespace LowLatency.Benchmarks.Suites;

/// <summary>Cost of one streaming update per indicator (and of bar aggregation), with MemoryDiagnoser: all must be 0 B/op.</summary>
[Config(typeof(BenchmarkConfig))]
public class IndicatorBenchmarks : IBarSink
{
    private const int Updates = 100_000;
    private readonly double[] _prices = new double[Updates];
    private SimpleMovingAverage _sma = new(20);
    private ExponentialMovingAverage _ema = new(20);
    private RelativeStrengthIndex _rsi = new(14);
    private AverageTrueRange _atr = new(14);
    private Macd _macd = new();
    private BollingerBands _bands = new();
    private Stochastic _stochastic = new();
    private AverageDirectionalIndex _adx = new();
    private HilbertDominantCyclePeriod _dcPeriod = new();
    private MesaAdaptiveMovingAverage _mama = new();
    private HilbertCycle _cycle = new();
    private RoofingFilter _roofing = new();
    private EvenBetterSinewave _ebsw = new();
    private BarAggregator _bars = new(8, Timeframes.All);
    private long _closed;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var price = 100.0;
        for (var i = 0; i < Updates; i++)
        {
            price = Math.Max(1, price + (random.NextDouble() - 0.5));
            _prices[i] = price;
        }
    }

    [IterationSetup]
    public void Reset()
    {
        (_sma, _ema, _rsi, _atr, _macd, _bands, _stochastic, _adx) = (new(20), new(20), new(14), new(14), new(), new(), new(), new());
        (_dcPeriod, _mama, _cycle, _roofing, _ebsw, _bars) = (new(), new(), new(), new(), new(), new(8, Timeframes.All));
    }

    public void OnBarClosed(int instrumentId, Timeframe timeframe, in OhlcvBar bar) => _closed++;

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Sma()
    {
        foreach (var p in _prices)
        {
            _sma.Update(p);
        }

        return _sma.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Ema()
    {
        foreach (var p in _prices)
        {
            _ema.Update(p);
        }

        return _ema.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Rsi()
    {
        foreach (var p in _prices)
        {
            _rsi.Update(p);
        }

        return _rsi.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Atr()
    {
        foreach (var p in _prices)
        {
            _atr.Update(p + 1, p - 1, p);
        }

        return _atr.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double MacdLine()
    {
        foreach (var p in _prices)
        {
            _macd.Update(p);
        }

        return _macd.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Bollinger()
    {
        foreach (var p in _prices)
        {
            _bands.Update(p);
        }

        return _bands.Upper;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double StochasticSlow()
    {
        foreach (var p in _prices)
        {
            _stochastic.Update(p + 1, p - 1, p);
        }

        return _stochastic.SlowK;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Adx()
    {
        foreach (var p in _prices)
        {
            _adx.Update(p + 1, p - 1, p);
        }

        return _adx.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double HtDcPeriod()
    {
        foreach (var p in _prices)
        {
            _dcPeriod.Update(p);
        }

        return _dcPeriod.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Mama()
    {
        foreach (var p in _prices)
        {
            _mama.Update(p);
        }

        return _mama.Mama;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double HtCycleFamily()
    {
        foreach (var p in _prices)
        {
            _cycle.Update(p);
        }

        return _cycle.Phase;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Roofing()
    {
        foreach (var p in _prices)
        {
            _roofing.Update(p);
        }

        return _roofing.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double EvenBetterSinewave()
    {
        foreach (var p in _prices)
        {
            _ebsw.Update(p);
        }

        return _ebsw.Value;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public long BarAggregationAllTimeframes()
    {
        for (var i = 0; i < Updates; i++)
        {
            _bars.OnTrade(i & 7, i * 1_000L, _prices[i], 1, this);
        }

        return _closed;
    }
}
