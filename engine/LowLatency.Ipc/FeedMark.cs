namespace LowLatency.Ipc;

/// <summary>A futures symbol's latest mark price, index price and funding as its feed's <c>markPrice</c> stream gave them (Binance's decimals).</summary>
public sealed record FeedMark(string Symbol, decimal MarkPrice, decimal IndexPrice, decimal FundingRate, long NextFundingTimeMs, long TimeMs);
