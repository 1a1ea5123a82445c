namespace LowLatency.Binance;

/// <summary>
/// A symbol's trading rules from <c>exchangeInfo</c> (PRICE_FILTER, LOT_SIZE, MIN_NOTIONAL / NOTIONAL, PERCENT_PRICE
/// and PERCENT_PRICE_BY_SIDE), checked as Binance documents them, so pre-trade risk refuses what the exchange
/// would reject and says which rule. A zero bound is "not enforced", as on the exchange.
/// </summary>
public sealed record SymbolFilters
{
    public required string Symbol { get; init; }

    public decimal MinPrice { get; init; }

    public decimal MaxPrice { get; init; }

    public decimal TickSize { get; init; }

    public decimal MinQuantity { get; init; }

    public decimal MaxQuantity { get; init; }

    public decimal StepSize { get; init; }

    public decimal MinNotional { get; init; }

    public decimal MaxNotional { get; init; }

    /// <summary>PERCENT_PRICE: the price within [average × down, average × up] (0 when the symbol has no such filter).</summary>
    public decimal MultiplierUp { get; init; }

    public decimal MultiplierDown { get; init; }

    /// <summary>PERCENT_PRICE_BY_SIDE: (up, down) for bids and for asks.</summary>
    public (decimal Up, decimal Down) BidMultipliers { get; init; }

    public (decimal Up, decimal Down) AskMultipliers { get; init; }

    /// <summary>Null when a limit order of <paramref name="quantity"/> at <paramref name="price"/> passes every filter; else the rule it breaks.</summary>
    /// <param name="averagePrice">The symbol's recent average price (the percent filters' reference), when known.</param>
    public string? Check(bool buy, decimal price, decimal quantity, decimal? averagePrice)
    {
        if (price <= 0 || quantity <= 0)
        {
            return $"{Symbol}: price and quantity must be positive";
        }

        if ((MinPrice > 0 && price < MinPrice) || (MaxPrice > 0 && price > MaxPrice))
        {
            return $"{Symbol}: PRICE_FILTER: price {price} outside {MinPrice}–{MaxPrice}";
        }

        if (TickSize > 0 && (price - MinPrice) % TickSize != 0)
        {
            return $"{Symbol}: PRICE_FILTER: price {price} is not a multiple of the tick {TickSize}";
        }

        if ((MinQuantity > 0 && quantity < MinQuantity) || (MaxQuantity > 0 && quantity > MaxQuantity))
        {
            return $"{Symbol}: LOT_SIZE: quantity {quantity} outside {MinQuantity}–{MaxQuantity}";
        }

        if (StepSize > 0 && (quantity - MinQuantity) % StepSize != 0)
        {
            return $"{Symbol}: LOT_SIZE: quantity {quantity} is not a multiple of the step {StepSize}";
        }

        var notional = price * quantity;
        if ((MinNotional > 0 && notional < MinNotional) || (MaxNotional > 0 && notional > MaxNotional))
        {
            return $"{Symbol}: NOTIONAL: {notional} outside {MinNotional}–{(MaxNotional > 0 ? MaxNotional : "∞")}";
        }

        if (averagePrice is not { } average || average <= 0)
        {
            return null;
        }

        if (MultiplierUp > 0 && (price > average * MultiplierUp || price < average * MultiplierDown))
        {
            return $"{Symbol}: PERCENT_PRICE: price {price} outside {average * MultiplierDown}–{average * MultiplierUp} around the average {average}";
        }

        var (up, down) = buy ? BidMultipliers : AskMultipliers;
        return up > 0 && (price > average * up || price < average * down)
            ? $"{Symbol}: PERCENT_PRICE_BY_SIDE: {(buy ? "bid" : "ask")} {price} outside {average * down}–{average * up} around the average {average}"
            : null;
    }
}
