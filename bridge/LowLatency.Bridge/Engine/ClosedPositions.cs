using LowLatency.Bridge.Storage;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.State;

namespace LowLatency.Bridge.Engine;

/// <summary>
/// The positions closed since the bridge started: the engine's fills paired by the one <see cref="RoundTripLedger"/>
/// (as backtests pair theirs), each closed trade kept (the last 10,000) and written to the history store. Called
/// under <see cref="ReadModel"/>'s lock.
/// </summary>
internal sealed class ClosedPositions(InstrumentRegistry registry, HistoryProjection history)
{
    private const int MaxClosedTrades = 10_000;
    private readonly RoundTripLedger _trips = new(registry.Count);
    private readonly List<ClosedTrade> _closed = [];

    public IReadOnlyList<ClosedTrade> All() => [.. _closed];

    public long OpenedAtMs(int instrumentId) => _trips.OpenedAtMs(instrumentId);

    /// <summary>A fill the mirror applied; <paramref name="realized"/> is the balance change it made.</summary>
    public void OnFill(in TradingRecord fill, decimal realized)
    {
        var instrument = registry[fill.InstrumentId];
        if (_trips.OnFill(instrument, fill, realized) is not { } trip)
        {
            return;
        }

        var trade = new ClosedTrade($"{instrument.Symbol}-{fill.Sequence}", fill.InstrumentId, trip.Long ? "BUY" : "SELL", trip.Quantity, trip.EntryPrice, trip.ExitPrice,
            decimal.Round(trip.Pnl, 8), trip.EntryTimeMs, trip.ExitTimeMs);
        _closed.Add(trade);
        history.OnClosed(trade);
        if (_closed.Count > MaxClosedTrades)
        {
            _closed.RemoveAt(0);
        }
    }

    /// <summary>After a snapshot: the positions it holds where the fills seen differ (a gap, a late connection).</summary>
    public void Reconcile(TradingState core) => _trips.Reconcile(core);
}
