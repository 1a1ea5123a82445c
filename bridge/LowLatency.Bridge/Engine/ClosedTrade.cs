namespace LowLatency.Bridge.Engine;

/// <summary>A position (or part of one) closed by a fill: what <c>/api/positions/history</c> lists; its P&amp;L net of the trade's fees (<see cref="LowLatency.Engine.Portfolio.RoundTrip"/>).</summary>
public sealed record ClosedTrade(string Id, int InstrumentId, string Side, decimal Quantity, decimal EntryPrice, decimal ExitPrice, decimal RealizedPnl, long EntryTimeMs, long ExitTimeMs);
