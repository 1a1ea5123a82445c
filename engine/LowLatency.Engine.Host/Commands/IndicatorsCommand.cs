using LowLatency.Analytics.Indicators;

namespace LowLatency.Engine.Host.Commands;

/// <summary>
/// <c>indicators --input FILE.csv --output OUT.csv [--hl2]</c>: every indicator the engine has over a user's
/// bars (<c>time,open,high,low,close,volume</c>, any column order), streamed row by row with a progress bar. The
/// output is <c>i,time</c> then <see cref="IndicatorSet.Columns"/>: the columns shared with TA-Lib's reference
/// carry its names and are blank inside their warm-up.
/// </summary>
public static class IndicatorsCommand
{
    private static readonly string[] Required = ["time", "open", "high", "low", "close", "volume"];

    public static int Run(CommandLine options, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var input = options.Required("--input");
        var output = options.Required("--output");
        var hl2 = options.Flag("--hl2");
        options.RejectUnknown();
        if (!File.Exists(input))
        {
            throw new CommandLineException($"--input: no file '{input}'");
        }

        using var reader = new StreamReader(input);
        var header = reader.ReadLine() ?? throw new InputFileException(input, 1, "the file is empty (expected a header time,open,high,low,close,volume)");
        var names = header.Split(',').Select(n => n.Trim().ToLowerInvariant()).ToList();
        var index = Required.Select(r => names.IndexOf(r)).ToArray();
        var missing = Required.Where((_, i) => index[i] < 0).ToList();
        if (missing.Count > 0)
        {
            throw new InputFileException(input, 1, $"missing column(s) {string.Join(", ", missing)}; the header must name time,open,high,low,close,volume");
        }

        var length = Math.Max(1, new FileInfo(input).Length);
        var bar = new ProgressBar(progress);
        var set = new IndicatorSet(hl2);
        var values = new double[IndicatorSet.Columns.Count];
        var scratch = new char[32];
        var cells = new Range[names.Count + 1];
        using var writer = new StreamWriter(output, append: false, new System.Text.UTF8Encoding(false), 1 << 16);
        writer.Write("i,time,");
        writer.WriteLine(string.Join(',', IndicatorSet.Columns));
        var lineNumber = 1;
        long row = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var span = line.AsSpan();
            var count = span.Split(cells, ',');
            if (count != names.Count)
            {
                throw new InputFileException(input, lineNumber, $"{count} fields where the header has {names.Count}");
            }

            var open = Number(input, lineNumber, span[cells[index[1]]], "open");
            var high = Number(input, lineNumber, span[cells[index[2]]], "high");
            var low = Number(input, lineNumber, span[cells[index[3]]], "low");
            var close = Number(input, lineNumber, span[cells[index[4]]], "close");
            _ = Number(input, lineNumber, span[cells[index[5]]], "volume");
            if (high < low || open > high || open < low || close > high || close < low)
            {
                throw new InputFileException(input, lineNumber, $"high {high} and low {low} must bracket open {open} and close {close}");
            }

            set.Update(high, low, close, values);
            writer.Write(row.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(span[cells[index[0]]]);
            foreach (var value in values)
            {
                writer.Write(',');
                CsvNumbers.Append(writer, value, scratch);
            }

            writer.WriteLine();
            row++;
            if ((row & 0xFFF) == 0)
            {
                bar.Report((double)reader.BaseStream.Position / length);
            }
        }

        bar.Done();
        progress.WriteLine($"{row} bars, {IndicatorSet.Columns.Count} columns{(hl2 ? " ((high+low)/2 input)" : "")} → {output}");
        return 0;
    }

    private static double Number(string file, int line, ReadOnlySpan<char> text, string column) =>
        CsvNumbers.TryParse(text.Trim(), out var value)
            ? value
            : throw new InputFileException(file, line, $"{column} '{text.ToString()}' is not a finite number");
}
