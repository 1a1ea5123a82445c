namespace LowLatency.Binance;

/// <summary>One symbol's position on a USDⓈ-M futures account in one-way mode, as <c>GET /fapi/v2/positionRisk</c> states it.</summary>
public sealed record BinancePosition(string Symbol, decimal Amount, decimal EntryPrice, decimal MarkPrice, decimal UnrealizedProfit, string Leverage, string MarginType);
