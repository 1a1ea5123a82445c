using BenchmarkDotNet.Attributes;
using LowLatency.Analytics.Astro;
using LowLatency.Analytics.Indicators;

namespace LowLatency.Benchmarks.Suites;

/// <summary>One bar through every indicator (0 B/op expected) and one instant through the ephemeris.</summary>
[Config(typeof(BenchmarkConfig))]
public class AnalyticsBenchmarks
{
    private readonly IndicatorSet _set = new();
    private readonly double[] _values = new double[IndicatorSet.Columns.Count];
    private readonly DateTimeOffset _instant = new(2024, 3, 20, 3, 6, 0, TimeSpan.Zero);
    private double _price = 100;

    [Benchmark]
    public double IndicatorSetUpdate()
    {
        _price = _price > 200 ? 100 : _price + 0.37;
        _set.Update(_price + 1, _price - 1, _price, _values);
        return _values[0];
    }

    [Benchmark]
    public double EphemerisAllBodies() => Ephemeris.Shared.Positions(_instant)[0].Longitude;

    [Benchmark]
    public double MoonOnly() => Ephemeris.Shared.Position(Body.Moon, _instant).Longitude;
}
