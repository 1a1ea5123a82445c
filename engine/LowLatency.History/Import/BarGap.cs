namespace LowLatency.History.Import;

/// <summary>Bars missing inside a file: after the bar opening at <see cref="AfterMs"/> the next one opens at <see cref="NextMs"/>, <see cref="Missing"/> bars later than due.</summary>
public readonly record struct BarGap(string File, int Line, long AfterMs, long NextMs, long Missing);
