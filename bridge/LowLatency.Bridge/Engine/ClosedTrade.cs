namespace LowLatency.Bridge.Engine;

/// <summary>A position (or part of one) closed by a fill: what <c>/api/positions/history</c> lists.</summary>
public sealed record ClosedTrade(string Id, int InstrumentId, string Side, decimal Quantity, decimal EntryPrice, decimal ExitPrice, decimal RealizedPnl, long EntryTimeMs, long ExitTimeMs);
