using System.Globalization;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.State;
using LowLatency.History;
using LowLatency.History.Import;

namespace LowLatency.Engine.Host.Commands;

/// <summary>
/// <c>import --input FILE [--input FILE …] --symbol SYM --timeframe TF [--format auto|binance|ohlcv] [--data-dir DIR]
/// [--database POSTGRES]</c>: loads bar files into the history store the bridge serves (a cluster's PostgreSQL with <c>--database</c>) (<see cref="BarImporter"/>), with a progress bar,
/// then says how many bars, what range and which gaps.
/// </summary>
public static class ImportCommand
{
    private const int GapsListed = 10;

    public static int Run(CommandLine options, TextWriter output, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(progress);
        var inputs = options.Values("--input");
        var symbolText = options.Required("--symbol");
        var timeframeText = options.Required("--timeframe");
        var formatText = options.Value("--format") ?? "auto";
        var dataDirectory = TradingStore.ResolveDataDirectory(options.Value("--data-dir"));
        var instruments = options.Value("--instruments") ?? "config/instruments.json";
        var databaseText = options.Value("--database");
        options.RejectUnknown();
        if (inputs.Count == 0)
        {
            throw new CommandLineException("--input is required (repeat it for several files)");
        }

        if (!Timeframes.TryParse(timeframeText, out var timeframe))
        {
            throw new CommandLineException($"--timeframe: unknown '{timeframeText}' (use {string.Join(", ", Timeframes.All.Select(t => t.Name()))})");
        }

        if (!Enum.TryParse<BarFileFormat>(formatText, ignoreCase: true, out var format) || !Enum.IsDefined(format) || int.TryParse(formatText, out _))
        {
            throw new CommandLineException($"--format: '{formatText}' is not auto, binance or ohlcv");
        }

        var instrument = SymbolOption.Resolve(symbolText, instruments);

        foreach (var input in inputs.Where(i => !File.Exists(i)))
        {
            throw new CommandLineException($"--input: no file '{input}'");
        }

        using var store = BarStores.Open(dataDirectory, databaseText);
        var bar = new ProgressBar(progress);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        ImportResult result;
        try
        {
            result = BarImporter.Import(store, inputs, instrument.Symbol, timeframe, format, bar.Report);
        }
        catch (BarFileException e)
        {
            progress.WriteLine();
            throw new InputFileException(e.File, e.Line, e.Why);
        }

        bar.Done();
        var seconds = Math.Max(1e-9, watch.Elapsed.TotalSeconds);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"imported {result.Rows} {timeframe.Name()} bars of {instrument.Symbol} ({string.Join(", ", result.Formats.Distinct()).ToLowerInvariant()}) from {inputs.Count} file(s): {Iso(result.FirstMs)} … {Iso(result.LastMs)}, {result.Rows / seconds:F0} rows/s → {store.Location}"));
        var missing = result.Gaps.Sum(g => g.Missing);
        output.WriteLine(result.Gaps.Count == 0 ? "no gaps inside the files" : $"{result.Gaps.Count} gap(s) inside the files, {missing} bar(s) missing:");
        foreach (var gap in result.Gaps.Take(GapsListed))
        {
            output.WriteLine($"  {gap.File}:{gap.Line}: {gap.Missing} bar(s) missing after {Iso(gap.AfterMs)}, next at {Iso(gap.NextMs)}");
        }

        if (result.Gaps.Count > GapsListed)
        {
            output.WriteLine($"  … and {result.Gaps.Count - GapsListed} more");
        }

        return 0;
    }

    private static string Iso(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
