namespace LowLatency.Binance;

/// <summary>
/// One order's state as Binance states it: an <c>executionReport</c> (spot) or <c>ORDER_TRADE_UPDATE</c> (futures)
/// from the user data stream, or the answer to an order query. Quantities and prices are Binance's decimals as
/// written; <see cref="LastQuantity"/> and <see cref="LastPrice"/> are the trade this event announces (0 when none).
/// </summary>
public sealed record BinanceOrderEvent
{
    public required string Symbol { get; init; }

    /// <summary>The order's client id (for a cancel's event, the id of the order cancelled: Binance's <c>C</c>).</summary>
    public required string ClientOrderId { get; init; }

    public long ExchangeOrderId { get; init; }

    /// <summary>Binance's order status: NEW, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED, EXPIRED, EXPIRED_IN_MATCH, PENDING_CANCEL.</summary>
    public required string Status { get; init; }

    /// <summary>What happened (<c>x</c>): NEW, TRADE, CANCELED, REJECTED, EXPIRED, …; empty for a query's answer.</summary>
    public string ExecutionType { get; init; } = "";

    public decimal OriginalQuantity { get; init; }

    public decimal CumulativeQuantity { get; init; }

    public decimal LastQuantity { get; init; }

    public decimal LastPrice { get; init; }

    public long TimeMs { get; init; }

    /// <summary>Why the exchange refused or expired it, where it says (<c>r</c>); "NONE" or empty otherwise.</summary>
    public string Reason { get; init; } = "";
}
