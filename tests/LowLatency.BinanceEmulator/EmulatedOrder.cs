namespace LowLatency.BinanceEmulator;

/// <summary>One order on an emulated book (spot or futures), as Binance's order query describes it.</summary>
public sealed class EmulatedOrder
{
    public required string Symbol { get; init; }

    public required long OrderId { get; init; }

    public required string ClientOrderId { get; init; }

    public required string Side { get; init; }

    public required string Type { get; init; }

    public string TimeInForce { get; init; } = "GTC";

    public decimal Price { get; set; }

    public decimal StopPrice { get; init; }

    /// <summary>Futures: the order may only shrink the position.</summary>
    public bool ReduceOnly { get; init; }

    public required decimal Quantity { get; set; }

    public decimal Executed { get; set; }

    public decimal QuoteExecuted { get; set; }

    /// <summary>NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED.</summary>
    public string Status { get; set; } = "NEW";

    public long TimeMs { get; init; }

    public long UpdateMs { get; set; }

    public bool IsOpen => Status is "NEW" or "PARTIALLY_FILLED";
}
