using LowLatency.Analytics.Scanner;

namespace LowLatency.Work;

/// <summary>What a worker made of a scan task: the series' result, or why there is none (too few candles).</summary>
public sealed record ScanTaskResult(string Job, int Task, ScanResult? Result, string? Error, string Worker);
