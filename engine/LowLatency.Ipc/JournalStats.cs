namespace LowLatency.Ipc;

/// <summary>
/// The journal's figures in the engine's stats: the last durable record, segments started and retired, the last
/// fsync error, and with an event stream its publishing (the last record acknowledged, the backlog durable −
/// published, whether it is connected, why it last failed).
/// </summary>
public sealed record JournalStats(
    long DurableSequence,
    int SegmentsStarted,
    long SegmentsRetired,
    string? SyncError,
    bool Streaming = false,
    long? PublishedSequence = null,
    long? StreamBacklog = null,
    bool StreamConnected = false,
    string? StreamError = null);
