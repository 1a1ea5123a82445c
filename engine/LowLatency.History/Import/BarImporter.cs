using LowLatency.Engine.MarketData;

namespace LowLatency.History.Import;

/// <summary>
/// Loads bar files into the history store as <c>imported</c> bars of one instrument and timeframe. Every file is
/// checked whole before anything is written, so a bad row leaves the store as it was; then the rows go in, in
/// transactions of a bounded size so a running bridge's writer is never kept waiting long. Idempotent: a slot
/// holds one bar, and of two imports (or overlapping files) the later one wins.
/// </summary>
public static class BarImporter
{
    private const int RowsPerTransaction = 50_000;

    /// <param name="progress">Called with the fraction done (0–1), often; the caller throttles its drawing.</param>
    public static ImportResult Import(IBarStore store, IReadOnlyList<string> files, string symbol, Timeframe timeframe, BarFileFormat format, Action<double>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        if (files.Count == 0)
        {
            throw new ArgumentException("no file to import", nameof(files));
        }

        // Pass 1: read every file through, so nothing is written unless all of it is good.
        var gaps = new List<BarGap>();
        var formats = new List<BarFileFormat>();
        long rows = 0, first = long.MaxValue, last = long.MinValue;
        for (var f = 0; f < files.Count; f++)
        {
            using var reader = new BarFileReader(files[f], timeframe, format);
            formats.Add(reader.Format);
            while (reader.TryRead(out var bar))
            {
                rows++;
                first = Math.Min(first, bar.OpenTimeMs);
                last = Math.Max(last, bar.OpenTimeMs);
                if ((rows & 0x3FFF) == 0)
                {
                    cancel.ThrowIfCancellationRequested();
                    progress?.Invoke((f + reader.Progress) / files.Count / 2);
                }
            }

            gaps.AddRange(reader.Gaps);
        }

        // Pass 2: write, file by file in the order given, so the later file wins where they overlap.
        var batch = new List<BarWrite>(RowsPerTransaction);
        for (var f = 0; f < files.Count; f++)
        {
            using var reader = new BarFileReader(files[f], timeframe, format);
            while (reader.TryRead(out var bar))
            {
                batch.Add(new BarWrite(symbol, timeframe, bar, PriceSources.Imported));
                if (batch.Count == RowsPerTransaction)
                {
                    store.Write(batch);
                    batch.Clear();
                    cancel.ThrowIfCancellationRequested();
                    progress?.Invoke(0.5 + ((f + reader.Progress) / files.Count / 2));
                }
            }
        }

        store.Write(batch);
        return new ImportResult(rows, rows == 0 ? 0 : first, rows == 0 ? 0 : last, gaps, formats);
    }
}
