namespace LowLatency.Engine.Portfolio;

/// <summary>
/// Pairs fills into round trips, per instrument: the one rule behind a backtest's trades, its win rate and profit
/// factor, and the portfolio page's closed positions. Average entry price; one trip per fill that reduces a
/// position. A trip's P&amp;L is the closing fill's realised P&amp;L (the balance change, net of the whole fill's
/// fee) with back the part of the fee that opened a new position, less the entry fills' fees pro rata to the
/// quantity closed. A fill that crosses zero closes the old position and opens the new one at its price, its fee
/// split by quantity. So Σ trip P&amp;L + open P&amp;L − <see cref="OpenEntryFees"/> = the change in equity.
/// </summary>
public sealed class RoundTripLedger(int instruments)
{
    private readonly Leg[] _legs = new Leg[instruments];

    /// <summary>The entry fees the open positions still carry (they fall into the trips that close them).</summary>
    public decimal OpenEntryFees => _legs.Sum(l => l.CarriedFees);

    /// <summary>When the instrument's open position opened (Unix ms); 0 when flat or unknown.</summary>
    public long OpenedAtMs(int instrumentId) => _legs[instrumentId].OpenedAtMs;

    /// <summary>
    /// Whether a fill that took a position from <paramref name="before"/> to <paramref name="after"/> opened it: from
    /// flat, or across zero (the rest opens anew). The one rule for when a position was opened, here and for readers
    /// that follow positions without a ledger (the cluster's read side).
    /// </summary>
    public static bool Opens(decimal before, decimal after) => after != 0 && (before == 0 || Math.Sign(before) != Math.Sign(after));

    /// <summary>Books a fill; the trip it closes, or null when it only opens or adds.</summary>
    /// <param name="realized">The fill's realised P&amp;L net of its whole fee: the balance change it made.</param>
    public RoundTrip? OnFill(int instrumentId, bool buy, decimal quantity, decimal price, decimal fee, decimal realized, long timeMs, long sequence)
    {
        ref var leg = ref _legs[instrumentId];
        var signed = buy ? quantity : -quantity;
        if (leg.Position == 0 || Math.Sign(signed) == Math.Sign(leg.Position))
        {
            leg.OpenedAtMs = Opens(leg.Position, leg.Position + signed) ? timeMs : leg.OpenedAtMs;
            leg.Average = ((leg.Average * leg.Position) + (price * signed)) / (leg.Position + signed);
            leg.Position += signed;
            leg.CarriedFees += fee;
            return null;
        }

        var closed = Math.Min(quantity, Math.Abs(leg.Position));
        var openingFee = fee * (quantity - closed) / quantity; // multiplied first: exact where the shares are whole
        var entryFees = leg.CarriedFees * closed / Math.Abs(leg.Position);
        var trip = new RoundTrip(instrumentId, leg.Position > 0, closed, decimal.Round(leg.Average, 8), price, realized + openingFee - entryFees,
            entryFees + (fee - openingFee), leg.OpenedAtMs, timeMs, sequence);
        leg.CarriedFees -= entryFees;
        var before = leg.Position;
        leg.Position += signed;
        if (leg.Position == 0)
        {
            leg = default;
        }
        else if (Opens(before, leg.Position))
        {
            leg = new Leg { Position = leg.Position, Average = price, CarriedFees = openingFee, OpenedAtMs = timeMs }; // crossed zero: the rest opens anew
        }

        return trip;
    }

    /// <summary>
    /// Takes the position a snapshot holds where it differs from what the fills booked (a gap, a bridge that
    /// connected late): its entry fees are not known, and its opening time only if it was open already or the
    /// caller knows it (<paramref name="openedAtMs"/>, 0: not known).
    /// </summary>
    public void Reconcile(int instrumentId, decimal position, decimal average, long openedAtMs = 0)
    {
        ref var leg = ref _legs[instrumentId];
        if (leg.Position != position)
        {
            leg = position == 0 ? default : new Leg { Position = position, Average = average, OpenedAtMs = leg.Position != 0 ? leg.OpenedAtMs : openedAtMs };
        }
    }

    private struct Leg
    {
        public decimal Position;
        public decimal Average;
        public decimal CarriedFees;
        public long OpenedAtMs;
    }
}
