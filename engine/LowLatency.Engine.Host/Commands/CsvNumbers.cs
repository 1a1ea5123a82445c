using System.Globalization;

namespace LowLatency.Engine.Host.Commands;

/// <summary>Number formatting and parsing for the batch CSV commands: invariant, round-trip, blank for NaN.</summary>
internal static class CsvNumbers
{
    /// <summary>Appends <paramref name="value"/> (shortest round-trip form) or nothing for NaN, without allocating.</summary>
    public static void Append(TextWriter writer, double value, Span<char> scratch)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        if (!value.TryFormat(scratch, out var written, "R", CultureInfo.InvariantCulture))
        {
            writer.Write(value.ToString("R", CultureInfo.InvariantCulture));
            return;
        }

        writer.Write(scratch[..written]);
    }

    public static bool TryParse(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
