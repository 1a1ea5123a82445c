namespace LowLatency.Binance;

/// <summary>One price level of a depth message: the quantity now at the price (zero removes the level), exact as the exchange wrote it.</summary>
public readonly record struct DepthLevel(bool Bid, decimal Price, decimal Quantity);
