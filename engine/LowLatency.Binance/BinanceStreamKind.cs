namespace LowLatency.Binance;

/// <summary>Which market stream a combined-stream message came from (by its <c>stream</c> name).</summary>
public enum BinanceStreamKind : byte
{
    Unknown,
    BookTicker,

    /// <summary>Spot's <c>trade</c> or futures' <c>aggTrade</c>: one price and quantity each.</summary>
    Trade,

    /// <summary>A <c>depthUpdate</c> diff.</summary>
    Depth,

    /// <summary>A <c>kline_1m</c> update (closed or forming).</summary>
    Kline,

    /// <summary>A futures <c>markPrice</c> update (mark and index price, funding).</summary>
    MarkPrice,
}
