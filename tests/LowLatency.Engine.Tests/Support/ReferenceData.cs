using System.Globalization;

namespace LowLatency.Engine.Tests.Support;

/// <summary>
/// The independent reference outputs in <c>shared/reference/</c> beside the project root (or
/// <c>LL_REFERENCE_DIR</c>): OHLCV bars and TA-Lib columns, blank inside each column's warm-up.
/// </summary>
internal static class ReferenceData
{
    private static readonly Lazy<string> Directory = new(FindDirectory);
    private static readonly Lazy<Bar[]> LazyBars = new(() => ReadBars(Path.Combine(Directory.Value, "ohlcv.csv")));
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<string, double?[]>> Files = new();

    public static IReadOnlyList<Bar> Bars => LazyBars.Value;

    /// <summary>A column of a reference file (<c>talib.csv</c>, <c>talib_hl2.csv</c>): null where it gives no value (warm-up).</summary>
    public static double?[] Column(string file, string column) =>
        Files.GetOrAdd(file, f => ReadColumns(Path.Combine(Directory.Value, f))).TryGetValue(column, out var values)
            ? values
            : throw new KeyNotFoundException($"{file} has no column '{column}'");

    /// <summary>A reference file as text: its header and its rows' cells (<c>astro.csv</c>, <c>astro_events.csv</c>).</summary>
    public static (string[] Header, string[][] Rows) Table(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Directory.Value, file)).Where(l => l.Length > 0).ToArray();
        return (lines[0].Split(','), [.. lines.Skip(1).Select(l => l.Split(','))]);
    }

    /// <summary>The path of a reference file.</summary>
    public static string PathOf(string file) => Path.Combine(Directory.Value, file);

    public static double Number(string text) => Parse(text);

    private static string FindDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("LL_REFERENCE_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LowLatency.sln")))
            {
                var reference = Path.Combine(dir.FullName, "..", "shared", "reference");
                if (System.IO.Directory.Exists(reference))
                {
                    return reference;
                }

                break;
            }
        }

        Assert.Fail("Reference data not found: expected shared/reference/ beside the project root, or LL_REFERENCE_DIR.");
        return "";
    }

    private static Bar[] ReadBars(string path) =>
        [.. File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var f = line.Split(',');
            return new Bar(Parse(f[1]), Parse(f[2]), Parse(f[3]), Parse(f[4]), Parse(f[5]));
        })];

    private static Dictionary<string, double?[]> ReadColumns(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        var columns = header.ToDictionary(h => h, _ => new double?[lines.Length - 1]);
        for (var row = 1; row < lines.Length; row++)
        {
            var fields = lines[row].Split(',');
            for (var c = 2; c < header.Length; c++)
            {
                columns[header[c]][row - 1] = fields[c].Length == 0 ? null : Parse(fields[c]);
            }
        }

        return columns;
    }

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
