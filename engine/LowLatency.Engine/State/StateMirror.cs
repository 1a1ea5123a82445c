using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;

namespace LowLatency.Engine.State;

/// <summary>
/// A copy of the trading state kept by someone other than the trading thread (the link's publisher, the bridge's
/// read model): rebuilt from a snapshot, then advanced record by record. A record that does not follow the last
/// one is a gap, detected by its sequence — never inferred from an exception — and leaves the mirror stale
/// (<see cref="State"/> null) until the next snapshot. Single writer; readers synchronise with it.
/// </summary>
public sealed class StateMirror(InstrumentRegistry registry, AccountOptions account, int finishedHistory = 1024)
{
    private TradingState? _state;

    /// <summary>The mirrored state, or null while stale (never built, or a gap since the last snapshot).</summary>
    public TradingState? State => _state;

    public bool Stale => _state is null;

    /// <summary>The last record applied (or the snapshot's), 0 before the first snapshot.</summary>
    public long Sequence { get; private set; }

    /// <summary>Starts again from <paramref name="snapshot"/> (its finished orders included).</summary>
    public TradingState Reset(StateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var keep = Math.Max(finishedHistory, snapshot.RecentlyFinished?.Count ?? 0);
        var state = new TradingState(registry, account with { Currency = snapshot.Currency }, keep);
        state.Restore(snapshot);
        _state = state;
        Sequence = snapshot.LastSequence;
        return state;
    }

    /// <summary>Applies the next record; what became of it.</summary>
    public MirrorOutcome Apply(in TradingRecord record)
    {
        if (_state is null)
        {
            return MirrorOutcome.Stale;
        }

        if (record.Sequence <= Sequence)
        {
            return MirrorOutcome.AlreadyApplied; // covered by the snapshot, or sent twice
        }

        if (record.Sequence != Sequence + 1)
        {
            _state = null;
            return MirrorOutcome.Gap;
        }

        try
        {
            _state.Apply(record);
        }
        catch (InvalidOperationException)
        {
            // In sequence yet inapplicable (a fill for an order this copy never had): this copy cannot be trusted either.
            _state = null;
            return MirrorOutcome.Gap;
        }

        Sequence = record.Sequence;
        return MirrorOutcome.Applied;
    }

    /// <summary>Drops the state: something upstream was lost (a full tap), so only a snapshot can make it right.</summary>
    public void MarkStale() => _state = null;

    /// <summary>Marks the mirrored account to a quote (equity follows the market between records).</summary>
    public void Mark(int instrumentId, long bidTicks, long askTicks, long timeMs) => _state?.Account.Mark(instrumentId, bidTicks, askTicks, timeMs);
}
