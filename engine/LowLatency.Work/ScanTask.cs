using LowLatency.Analytics;
using LowLatency.Analytics.Scanner;

namespace LowLatency.Work;

/// <summary>
/// One series of a scan (<see cref="ConfluenceScanner.Scan"/>): the candles the requester read, its settings and the
/// ML factor's probability, which the requester computes from the model it holds, so a worker scans what it would.
/// </summary>
public sealed record ScanTask
{
    public required string Job { get; init; }

    public required int Task { get; init; }

    public required OhlcvBar[] Bars { get; init; }

    public required ScanSettings Settings { get; init; }

    public double? MlProbability { get; init; }
}
