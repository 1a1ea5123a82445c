namespace LowLatency.History.Import;

/// <summary>What an import wrote: rows read, distinct bars now stored for them, the range, and the gaps inside the files.</summary>
public sealed record ImportResult(long Rows, long FirstMs, long LastMs, IReadOnlyList<BarGap> Gaps, IReadOnlyList<BarFileFormat> Formats);
