namespace LowLatency.Binance;

/// <summary>
/// The numbering of a depth diff (<c>depthUpdate</c>): the first and last update ids it covers (<c>U</c>, <c>u</c>)
/// and, on futures, the last update id of the diff before it (<c>pu</c>, -1 on spot). Its levels travel beside it.
/// </summary>
public readonly record struct DepthUpdate(long FirstUpdateId, long FinalUpdateId, long PreviousFinalUpdateId, long EventTimeMs);
