namespace LowLatency.Engine.Portfolio;

/// <summary>
/// One closed trade: a position, or the part of one, from its first fill to the fill that closed it. Quantity in
/// instrument units, prices in the quote currency (entry: the average of the entry fills). <see cref="Pnl"/> is
/// in the account currency and net of every fee of the trade; <see cref="Fees"/> is its share of the entry fills'
/// fees and of the exit fill's.
/// </summary>
public readonly record struct RoundTrip(
    int InstrumentId, bool Long, decimal Quantity, decimal EntryPrice, decimal ExitPrice, decimal Pnl, decimal Fees, long EntryTimeMs, long ExitTimeMs, long ExitSequence)
{
    /// <summary>The price move in the trade's favour, in percent of the entry.</summary>
    public decimal ReturnPercent => EntryPrice == 0 ? 0 : ((ExitPrice / EntryPrice) - 1) * 100 * (Long ? 1 : -1);
}
