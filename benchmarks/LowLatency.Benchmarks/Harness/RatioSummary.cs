using System.Globalization;

namespace LowLatency.Benchmarks.Harness;

/// <summary>The per-round ratios of one side-by-side comparison, summarised by median and range.</summary>
public sealed class RatioSummary(string name, string description)
{
    private readonly List<double> _ratios = [];

    public string Name { get; } = name;

    public string Description { get; } = description;

    public IReadOnlyList<double> Ratios => _ratios;

    public void Add(double ratio) => _ratios.Add(ratio);

    public double Median => MedianOf(_ratios);

    public static double MedianOf(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public string RangeLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name}: median {Median:F2}, range {_ratios.Min():F2} .. {_ratios.Max():F2} over {_ratios.Count} rounds ({Description})");

    public string RatioLine() => string.Create(CultureInfo.InvariantCulture, $"ratio {Name} {Median:F2}");
}
