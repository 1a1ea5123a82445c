namespace LowLatency.Bridge.Storage;

public sealed record ClosedPositionRow(string Id, string Symbol, string Side, decimal Quantity, decimal EntryPrice, decimal ExitPrice, decimal RealizedPnl, long EntryTimeMs, long ExitTimeMs);
