namespace LowLatency.Engine.Host.Feeds;

/// <summary>What a klines backfill wrote: rows, the requests it took, and the minutes Binance had no kline for (start of each gap, minutes missing).</summary>
public sealed record KlineBackfillResult(long Rows, int Requests, IReadOnlyList<(long AfterMs, long MissingMinutes)> Gaps);
