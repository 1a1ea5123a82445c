using System.Runtime.CompilerServices;

namespace LowLatency.Engine.Portfolio;

/// <summary>
/// A net position in one instrument, updated by fills (average-cost method). Quantity and prices are whole lots
/// and ticks; the cost basis and P&amp;L are exact decimals in tick·lot units, converted to the quote currency
/// only at the edge (<see cref="ToMoney"/>). Handles opening, adding, reducing, closing and flipping through zero.
/// </summary>
public sealed class Position(int instrumentId, decimal tickSize, decimal lotSize)
{
    private readonly decimal _moneyPerTickLot = tickSize * lotSize;
    private decimal _costBasis; // Σ price·|lots| of the open lots, in tick·lots
    private decimal _realized;   // in tick·lots

    public int InstrumentId { get; } = instrumentId;

    /// <summary>Signed lots: positive long, negative short, 0 flat.</summary>
    public long QuantityLots { get; private set; }

    public bool IsFlat => QuantityLots == 0;

    /// <summary>Average entry price in ticks (fractional), or 0 when flat.</summary>
    public decimal AveragePriceTicks => QuantityLots == 0 ? 0 : _costBasis / Math.Abs(QuantityLots);

    /// <summary>Realised P&amp;L in the quote currency, before fees.</summary>
    public decimal RealizedPnl => ToMoney(_realized);

    /// <summary>Fees paid, in the quote currency.</summary>
    public decimal Fees { get; private set; }

    /// <summary>Fills applied.</summary>
    public long Fills { get; private set; }

    /// <summary>Σ price·|lots| of the open lots, in tick·lots (exact; for snapshots).</summary>
    public decimal CostBasisTickLots => _costBasis;

    /// <summary>Realised P&amp;L in tick·lots (exact; for snapshots).</summary>
    public decimal RealizedTickLots => _realized;

    /// <summary>Sets the exact state a snapshot recorded.</summary>
    public void Restore(long quantityLots, decimal costBasisTickLots, decimal realizedTickLots, decimal fees, long fills)
    {
        QuantityLots = quantityLots;
        _costBasis = costBasisTickLots;
        _realized = realizedTickLots;
        Fees = fees;
        Fills = fills;
    }

    /// <summary>Unrealised P&amp;L at <paramref name="markTicks"/>, in the quote currency.</summary>
    public decimal UnrealizedPnl(long markTicks) =>
        QuantityLots == 0 ? 0 : ToMoney((markTicks * (decimal)QuantityLots) - (Math.Sign(QuantityLots) * _costBasis));

    /// <summary>Converts tick·lots to the quote currency.</summary>
    public decimal ToMoney(decimal tickLots) => tickLots * _moneyPerTickLot;

    /// <summary>
    /// Applies a fill. Returns the P&amp;L it realised (quote currency, before fees), or throws for a fill that
    /// is not positive in size and price or a negative fee; the position is unchanged then.
    /// </summary>
    // The order path runs rarely: compiled optimised at once instead of staying in tier-0 code for its first calls.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public decimal Apply(Side side, long lots, long priceTicks, decimal fee = 0)
    {
        if (lots <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lots), lots, "A fill is a positive number of lots.");
        }

        if (priceTicks <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(priceTicks), priceTicks, "A fill price is a positive number of ticks.");
        }

        if (fee < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fee), fee, "Fees are not negative.");
        }

        var signed = side == Side.Buy ? lots : -lots;
        var realized = 0m;
        if (QuantityLots != 0 && Math.Sign(signed) != Math.Sign(QuantityLots))
        {
            // Reducing: realise against the average cost of the lots closed.
            var closing = Math.Min(lots, Math.Abs(QuantityLots));
            var closedCost = _costBasis * closing / Math.Abs(QuantityLots);
            realized = Math.Sign(QuantityLots) * ((priceTicks * (decimal)closing) - closedCost);
            _costBasis -= closedCost;
            QuantityLots += Math.Sign(signed) * closing;
            lots -= closing;
            if (QuantityLots == 0)
            {
                _costBasis = 0; // no residue from division once flat
            }
        }

        if (lots > 0)
        {
            // Opening or adding (including what is left after a flip).
            _costBasis += priceTicks * (decimal)lots;
            QuantityLots += Math.Sign(signed) * lots;
        }

        _realized += realized;
        Fees += fee;
        Fills++;
        return ToMoney(realized);
    }
}
