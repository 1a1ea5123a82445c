using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;

namespace LowLatency.Engine.State;

/// <summary>
/// The journal's fills into a <see cref="RoundTripLedger"/>, in instrument units: what the bridge's closed positions
/// and the cluster's read side both pair, so a trade closes alike wherever it is read.
/// </summary>
public static class RoundTripFeed
{
    /// <summary>Books a fill record; <paramref name="realized"/> is the balance change it made. The trip it closes, or null.</summary>
    public static RoundTrip? OnFill(this RoundTripLedger ledger, Instrument instrument, in TradingRecord fill, decimal realized)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(instrument);
        return ledger.OnFill(fill.InstrumentId, fill.Side == Side.Buy, instrument.LotsToQuantity(fill.QuantityLots), instrument.TicksToPrice(fill.PriceTicks), fill.Amount, realized,
            fill.TimeMs, fill.Sequence);
    }

    /// <summary>Takes every position of <paramref name="state"/> where it differs from what the fills booked; <paramref name="openedAtMs"/> says when one opened, where known.</summary>
    public static void Reconcile(this RoundTripLedger ledger, TradingState state, Func<int, long>? openedAtMs = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(state);
        foreach (var instrument in state.Registry.All)
        {
            var position = state.Account.Position(instrument.Id);
            ledger.Reconcile(instrument.Id, instrument.LotsToQuantity(position.QuantityLots), position.AveragePriceTicks * instrument.TickSize, openedAtMs?.Invoke(instrument.Id) ?? 0);
        }
    }
}
