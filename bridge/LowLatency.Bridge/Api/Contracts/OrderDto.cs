namespace LowLatency.Bridge.Api.Contracts;

/// <summary>FE type <c>Order</c> (camelCase) with the engine's fill and bracket details.</summary>
public sealed record OrderDto(
    string OrderId,
    string Symbol,
    string Side,
    string Type,
    decimal Quantity,
    decimal? Price,
    string Status,
    string Timestamp,
    decimal FilledQuantity,
    decimal? AveragePrice,
    decimal? StopPrice,
    decimal? StopLoss,
    decimal? TakeProfit,
    string TimeInForce,
    bool ReduceOnly,
    string? Reason);
