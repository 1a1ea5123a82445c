using LowLatency.Analytics;
using LowLatency.Engine.MarketData;

namespace LowLatency.History;

/// <summary>
/// The bar history store: SQLite under the data directory (the embedded default, <see cref="SqliteBarStore"/>) or
/// PostgreSQL shared by a cluster's processes (<see cref="PostgresBarStore"/>). The write rule is the same in both:
/// a bar from a market (imported, replayed, received) replaces whatever the slot held, the later write winning; a
/// bar built from simulated prices only ever replaces another simulated one, so running the simulator never
/// overwrites real history. Made-up bars live apart from real ones and the first written for a slot stays.
/// </summary>
public interface IBarStore : IDisposable
{
    /// <summary>Where the bars are, for messages: a file path, or PostgreSQL's host and database.</summary>
    string Location { get; }

    /// <summary>Writes the bars in one transaction by the write rule, in order (of two for one slot, the later one wins by the rule).</summary>
    void Write(IReadOnlyList<BarWrite> bars);

    /// <summary>The stored bars in [<paramref name="fromMs"/>, <paramref name="toMs"/>), oldest first, each with its source; optionally without the simulator's.</summary>
    List<SourcedBar> Range(string symbol, Timeframe timeframe, long fromMs, long toMs, bool withSimulated = true);

    /// <summary>What the store holds of one instrument and timeframe from markets (the simulator's bars left out), or null for nothing.</summary>
    BarCoverage? RealCoverage(string symbol, Timeframe timeframe);

    /// <summary>Per instrument, the open time of its newest bar of <paramref name="timeframe"/> from a source other than <paramref name="exceptSource"/>.</summary>
    Dictionary<string, long> Newest(Timeframe timeframe, string exceptSource);

    /// <summary>Keeps made-up bars (<c>synthetic</c>) apart from real ones; a slot already kept keeps its first bar.</summary>
    void WriteSynthetic(string symbol, Timeframe timeframe, IReadOnlyList<OhlcvBar> bars);

    /// <summary>The made-up bars kept in [<paramref name="fromMs"/>, <paramref name="toMs"/>), oldest first.</summary>
    List<OhlcvBar> SyntheticRange(string symbol, Timeframe timeframe, long fromMs, long toMs);
}
