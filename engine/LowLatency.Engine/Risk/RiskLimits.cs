namespace LowLatency.Engine.Risk;

/// <summary>Pre-trade limits and halt rules; money amounts in the account currency, percentages as 0–100.</summary>
public sealed record RiskLimits
{
    /// <summary>
    /// Fat-finger band on the aggressive side, in percent of the mid: how far a buy's limit or stop may sit above
    /// the market (a sell's below it).
    /// </summary>
    public double PriceBandPercent { get; init; } = 5;

    /// <summary>
    /// The passive side's band, in percent of the mid: how far a buy may rest below the market (a sell above it).
    /// Wide, as exchanges' percent-price-by-side filters are: a resting order far from the market risks nothing.
    /// </summary>
    public double PassivePriceBandPercent { get; init; } = 80;

    /// <summary>Largest order quantity per symbol, in instrument units (e.g. 2 BTC); symbols not listed are unlimited.</summary>
    public IReadOnlyDictionary<string, decimal> MaxOrderQuantity { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Largest order value.</summary>
    public decimal MaxOrderNotional { get; init; } = 250_000m;

    /// <summary>Largest position value per instrument after the order.</summary>
    public decimal MaxPositionNotional { get; init; } = 500_000m;

    public int MaxOpenPositions { get; init; } = 5;

    /// <summary>Largest sum of every position's notional at its mid, account currency, an order may take it to; 0: no limit.</summary>
    public decimal MaxGrossExposure { get; init; }

    /// <summary>Loss today (balance at the day's start minus equity) that halts trading, percent of the day's start.</summary>
    public double MaxDailyLossPercent { get; init; } = 5;

    /// <summary>Fall of equity below the peak balance that halts trading, percent.</summary>
    public double MaxDrawdownPercent { get; init; } = 20;

    /// <summary>Orders accepted per rolling second.</summary>
    public int MaxOrdersPerSecond { get; init; } = 50;

    /// <summary>Largest position a sizing method may propose, percent of equity.</summary>
    public double MaxPositionPercent { get; init; } = 10;

    /// <summary>
    /// Live trading: an instrument with no quote for this long is stale, and orders that add risk are refused
    /// (<see cref="RejectReason.StaleMarketData"/>) until prices return; 0 never calls it stale.
    /// </summary>
    public double StaleAfterMs { get; init; } = 10_000;

    /// <summary>Per symbol, a different <see cref="StaleAfterMs"/> (a quiet market quotes less often).</summary>
    public IReadOnlyDictionary<string, double> StaleAfterMsBySymbol { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// The instruments this engine may open or add to positions in (empty: all); any other is refused as not
    /// tradable, while reducing a position stays allowed. A cluster shard gets its share of the shard map here.
    /// </summary>
    public IReadOnlyList<string> TradableSymbols { get; init; } = [];
}
