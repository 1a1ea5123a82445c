namespace LowLatency.History.Binance;

/// <summary>What a klines backfill wrote: rows, the requests it took, and the minutes Binance had no kline for (start of each gap, minutes missing).</summary>
public sealed record KlineBackfillResult(long Rows, int Requests, IReadOnlyList<(long AfterMs, long MissingMinutes)> Gaps);
