namespace LowLatency.Engine.MarketData;

/// <summary>
/// A tradable instrument. On the hot path it is its integer <see cref="Id"/>; prices and quantities of record
/// are fixed-point integers: ticks of <see cref="TickSize"/> and lots of <see cref="LotSize"/>.
/// </summary>
public sealed record Instrument
{
    private readonly decimal _tickSize;
    private readonly decimal _lotSize;

    /// <summary>Dense index (0, 1, 2 …) in registry order: usable directly as an array index.</summary>
    public required int Id { get; init; }

    /// <summary>The canonical symbol.</summary>
    public required string Symbol { get; init; }

    /// <summary>Other symbols the frontend uses for the same instrument.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public required AssetClass AssetClass { get; init; }

    public required decimal TickSize
    {
        get => _tickSize;
        init
        {
            _tickSize = value;
            TickSizeAsDouble = (double)value;
        }
    }

    public required decimal LotSize
    {
        get => _lotSize;
        init
        {
            _lotSize = value;
            LotSizeAsDouble = (double)value;
        }
    }

    /// <summary><see cref="TickSize"/> as <c>double</c>, converted once (order sizing runs without decimal arithmetic).</summary>
    public double TickSizeAsDouble { get; private init; }

    /// <summary><see cref="LotSize"/> as <c>double</c>, converted once.</summary>
    public double LotSizeAsDouble { get; private init; }

    public required string QuoteCurrency { get; init; }

    /// <summary>When it trades, as text (e.g. <c>24x7</c>, <c>Sun 22:00 – Fri 22:00 UTC</c>).</summary>
    public string TradingHours { get; init; } = "24x7";

    /// <summary>A realistic price level for the simulator and synthetic history.</summary>
    public required decimal ReferencePrice { get; init; }

    /// <summary>Annualised volatility (0.6 = 60 %) for the simulator and synthetic history.</summary>
    public required double AnnualVolatility { get; init; }

    /// <summary>Converts a price to ticks; false when it is not positive, not finite or not a whole number of ticks.</summary>
    public bool TryToTicks(decimal price, out long ticks) => TryScale(price, TickSize, out ticks);

    /// <summary>Converts a quantity to lots; false when it is not positive or not a whole number of lots.</summary>
    public bool TryToLots(decimal quantity, out long lots) => TryScale(quantity, LotSize, out lots);

    /// <summary>Ticks to the nearest tick of a price given as <c>double</c> (feeds, indicators); false if not positive and finite.</summary>
    public bool TryRoundToTicks(double price, out long ticks)
    {
        ticks = 0;
        if (!double.IsFinite(price) || price <= 0 || price > (double)decimal.MaxValue)
        {
            return false;
        }

        return TryScale(Math.Round((decimal)price / TickSize, MidpointRounding.AwayFromZero) * TickSize, TickSize, out ticks);
    }

    /// <summary>A venue's price to the nearest tick (exact for a venue that trades our increments).</summary>
    public long NearestTicks(decimal price) => (long)Math.Round(price / TickSize, MidpointRounding.ToEven);

    /// <summary>A venue's quantity to the nearest lot.</summary>
    public long NearestLots(decimal quantity) => (long)Math.Round(quantity / LotSize, MidpointRounding.ToEven);

    public decimal TicksToPrice(long ticks) => ticks * TickSize;

    public decimal LotsToQuantity(long lots) => lots * LotSize;

    private static bool TryScale(decimal value, decimal unit, out long units)
    {
        units = 0;
        if (value <= 0)
        {
            return false;
        }

        var scaled = value / unit;
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue)
        {
            return false;
        }

        units = (long)scaled;
        return true;
    }
}
