using System.Globalization;
using System.Reflection;

namespace LowLatency.Analytics.Astro;

/// <summary>
/// Reads a published coefficient table embedded in this assembly (<c>Astro/Data/*.csv</c>: a <c>#</c> source
/// line, a header, then numbers). The tables are data from their named sources; the code that uses them is ours.
/// </summary>
internal static class CoefficientTable
{
    /// <summary>Each row's cells: the first <paramref name="textColumns"/> as text, the rest parsed as numbers.</summary>
    public static List<(string[] Text, double[] Numbers)> Read(string name, int textColumns = 0)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded coefficient table '{name}' is missing from the build");
        using var reader = new StreamReader(stream);
        var rows = new List<(string[], double[])>();
        var header = true;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (header)
            {
                header = false;
                continue;
            }

            var cells = line.Split(',');
            var numbers = new double[cells.Length - textColumns];
            for (var i = 0; i < numbers.Length; i++)
            {
                numbers[i] = double.Parse(cells[textColumns + i], NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            rows.Add((cells[..textColumns], numbers));
        }

        return rows;
    }
}
