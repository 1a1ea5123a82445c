namespace LowLatency.Binance;

/// <summary>
/// A local depth book kept by Binance's documented rule: diffs are buffered until a REST snapshot arrives; diffs
/// whose last update id is at or before the snapshot's <c>lastUpdateId</c> are dropped; the first diff applied must
/// straddle it (spot: <c>U</c> ≤ lastUpdateId+1 ≤ <c>u</c>; futures: <c>U</c> ≤ lastUpdateId ≤ <c>u</c>); then each
/// diff must follow the one before (spot: <c>U</c> = previous <c>u</c> + 1; futures: <c>pu</c> = previous <c>u</c>).
/// Any break makes the book stale and counts a resync; the owner fetches a new snapshot, and until it is applied
/// <see cref="Live"/> is false, so the book is never silently wrong. One thread (the feed's) calls it.
/// </summary>
public sealed class DepthBookSync
{
    private readonly BinanceMarket _market;
    private readonly int _maxBuffered;
    private readonly List<DepthUpdate> _buffered = [];
    private readonly List<(int Start, int Count)> _bufferedLevels = [];
    private readonly List<DepthLevel> _levels = [];
    private long _lastUpdateId = -1;

    /// <param name="levels">Levels kept per side.</param>
    /// <param name="maxBuffered">Diffs kept while waiting for a snapshot; beyond it the oldest go, and a snapshot older than what is kept is asked for again.</param>
    public DepthBookSync(BinanceMarket market, int levels = 1_000, int maxBuffered = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBuffered, 1);
        _market = market;
        _maxBuffered = maxBuffered;
        Bids = new PriceLevelSide(bids: true, levels);
        Asks = new PriceLevelSide(bids: false, levels);
    }

    public PriceLevelSide Bids { get; }

    public PriceLevelSide Asks { get; }

    /// <summary>The book matches the exchange's as of <see cref="LastUpdateId"/>.</summary>
    public bool Live { get; private set; }

    /// <summary>The last update id applied (-1 before the first snapshot).</summary>
    public long LastUpdateId => _lastUpdateId;

    /// <summary>Breaks in the numbering seen since start: each one cost a new snapshot.</summary>
    public int Resyncs { get; private set; }

    /// <summary>Why the book is not live, for health and logs (null while live).</summary>
    public string? Problem { get; private set; } = "waiting for the first snapshot";

    /// <summary>A diff from the stream; its <paramref name="levels"/> are read now, not kept.</summary>
    public DepthSyncOutcome OnDiff(in DepthUpdate update, ReadOnlySpan<DepthLevel> levels)
    {
        if (!Live)
        {
            Buffer(update, levels);
            return DepthSyncOutcome.Buffered;
        }

        if (update.FinalUpdateId <= _lastUpdateId)
        {
            return DepthSyncOutcome.Ignored;
        }

        if (!Follows(update))
        {
            return Break(update, levels, $"diff {update.FirstUpdateId}–{update.FinalUpdateId}{Previous(update)} does not follow update {_lastUpdateId}");
        }

        Apply(update, levels);
        return DepthSyncOutcome.Applied;
    }

    /// <summary>A REST snapshot: the book is rebuilt from it and the buffered diffs after it are applied.</summary>
    public DepthSyncOutcome OnSnapshot(long lastUpdateId, ReadOnlySpan<DepthLevel> levels)
    {
        if (_buffered.Count > 0 && lastUpdateId < _buffered[0].FirstUpdateId - (_market == BinanceMarket.Spot ? 1 : 0))
        {
            Problem = $"snapshot {lastUpdateId} is older than the first buffered diff {_buffered[0].FirstUpdateId}";
            return DepthSyncOutcome.SnapshotTooOld;
        }

        Bids.Clear();
        Asks.Clear();
        foreach (var level in levels)
        {
            (level.Bid ? Bids : Asks).Set(level.Price, level.Quantity);
        }

        _lastUpdateId = lastUpdateId;
        var first = true;
        var outcome = DepthSyncOutcome.Applied;
        for (var i = 0; i < _buffered.Count && outcome == DepthSyncOutcome.Applied; i++)
        {
            var update = _buffered[i];
            if (update.FinalUpdateId < lastUpdateId || (_market == BinanceMarket.Spot && update.FinalUpdateId == lastUpdateId))
            {
                continue; // already in the snapshot
            }

            var (start, count) = _bufferedLevels[i];
            var straddles = _market == BinanceMarket.Spot
                ? update.FirstUpdateId <= lastUpdateId + 1 && lastUpdateId + 1 <= update.FinalUpdateId
                : update.FirstUpdateId <= lastUpdateId && lastUpdateId <= update.FinalUpdateId;
            if (first ? !straddles : !Follows(update))
            {
                RemoveBufferedBefore(i); // the diff that broke the chain and those after it wait for the next snapshot
                outcome = Break(first
                    ? $"the first diff after snapshot {lastUpdateId} covers {update.FirstUpdateId}–{update.FinalUpdateId}"
                    : $"diff {update.FirstUpdateId}–{update.FinalUpdateId}{Previous(update)} does not follow update {_lastUpdateId}");
                break;
            }

            first = false;
            Apply(update, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_levels).Slice(start, count));
        }

        if (outcome == DepthSyncOutcome.Applied)
        {
            ClearBuffer();
            Live = true;
            Problem = null;
        }

        return outcome;
    }

    private bool Follows(in DepthUpdate update) => _market == BinanceMarket.Spot
        ? update.FirstUpdateId == _lastUpdateId + 1
        : update.PreviousFinalUpdateId == _lastUpdateId;

    private static string Previous(in DepthUpdate update) => update.PreviousFinalUpdateId >= 0 ? $" (pu {update.PreviousFinalUpdateId})" : "";

    private void Apply(in DepthUpdate update, ReadOnlySpan<DepthLevel> levels)
    {
        foreach (var level in levels)
        {
            (level.Bid ? Bids : Asks).Set(level.Price, level.Quantity);
        }

        _lastUpdateId = update.FinalUpdateId;
    }

    /// <summary>The diff that broke the chain starts the buffer the next snapshot is matched against.</summary>
    private DepthSyncOutcome Break(in DepthUpdate update, ReadOnlySpan<DepthLevel> levels, string why)
    {
        ClearBuffer();
        Buffer(update, levels);
        return Break(why);
    }

    private DepthSyncOutcome Break(string why)
    {
        Live = false;
        Resyncs++;
        Problem = why;
        return DepthSyncOutcome.Gap;
    }

    private void RemoveBufferedBefore(int index)
    {
        var levels = index < _bufferedLevels.Count ? _bufferedLevels[index].Start : _levels.Count;
        _buffered.RemoveRange(0, index);
        _bufferedLevels.RemoveRange(0, index);
        _levels.RemoveRange(0, levels);
        for (var i = 0; i < _bufferedLevels.Count; i++)
        {
            _bufferedLevels[i] = (_bufferedLevels[i].Start - levels, _bufferedLevels[i].Count);
        }
    }

    private void Buffer(in DepthUpdate update, ReadOnlySpan<DepthLevel> levels)
    {
        if (_buffered.Count == _maxBuffered)
        {
            ClearBuffer(); // a snapshot slow to come: start buffering again rather than grow without bound
        }

        _bufferedLevels.Add((_levels.Count, levels.Length));
        _levels.AddRange(levels);
        _buffered.Add(update);
    }

    private void ClearBuffer()
    {
        _buffered.Clear();
        _bufferedLevels.Clear();
        _levels.Clear();
    }
}
