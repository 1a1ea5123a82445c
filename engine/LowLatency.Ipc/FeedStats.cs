namespace LowLatency.Ipc;

/// <summary>
/// One feed as the engine reports it each status interval (for <c>/api/health</c>, <c>/metrics</c> and the
/// prices' source): what it prices, whether it is connected, how old its last message is, its rate, gaps and refusals, and
/// the last problem it had (a venue refusing a subscription, a book rebuilt), if any; a futures feed's mark prices.
/// </summary>
public sealed record FeedStats(
    string Name,
    string Type,
    string Source,
    IReadOnlyList<string> Symbols,
    bool Connected,
    double? LastMessageAgeMs,
    double MessagesPerSecond,
    long Messages,
    long Gaps,
    long Rejects,
    string? Problem = null,
    IReadOnlyList<FeedMark>? Marks = null);
