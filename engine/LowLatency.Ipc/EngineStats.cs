namespace LowLatency.Ipc;

/// <summary>
/// The engine's figures of one status interval, sent to the bridge (a <see cref="FrameType.Stats"/> frame, JSON)
/// for its <c>/metrics</c>: throughput and latency percentiles in microseconds (null when no sample), and the
/// real venues' sessions, what the last reconciliation halt was about, the feeds and where each instrument's
/// prices come from, whether any are simulated (and allowed to be on a real venue), which instruments are stale,
/// and the journal's durability and publishing.
/// </summary>
public sealed record EngineStats(
    double TicksPerSecond,
    long Ticks,
    long Refused,
    double? TickToSignalP50Us,
    double? TickToSignalP99Us,
    double? TickToRoutedP50Us,
    double? TickToRoutedP99Us,
    double? TickToOrderP50Us,
    double? TickToOrderP99Us,
    long Sequence,
    IReadOnlyList<VenueStats>? Venues = null,
    string? ReconciliationProblem = null,
    IReadOnlyList<FeedStats>? Feeds = null,
    bool SimulatedPrices = false,
    bool AllowSimulatedPrices = false,
    IReadOnlyList<string>? StaleSymbols = null,
    JournalStats? Journal = null);
