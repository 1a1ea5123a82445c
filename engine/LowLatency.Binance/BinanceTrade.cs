namespace LowLatency.Binance;

/// <summary>One of our trades as <c>GET /api/v3/myTrades</c> (or <c>/fapi/v1/userTrades</c>) lists it.</summary>
public readonly record struct BinanceTrade(long Id, long ExchangeOrderId, decimal Price, decimal Quantity, long TimeMs);
