namespace LowLatency.Bridge.Api.Contracts;

/// <summary>FE type <c>Position</c> (camelCase). <c>stopLoss</c>/<c>takeProfit</c> are the working bracket's prices, or null.</summary>
public sealed record PositionDto(
    string Id,
    string Symbol,
    string Side,
    decimal Quantity,
    decimal EntryPrice,
    decimal CurrentPrice,
    decimal UnrealizedPnL,
    decimal RealizedPnL,
    string EntryTime,
    decimal? StopLoss,
    decimal? TakeProfit);
