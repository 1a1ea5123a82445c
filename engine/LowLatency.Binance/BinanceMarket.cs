namespace LowLatency.Binance;

/// <summary>Which of Binance's markets: they differ in their depth stream's continuity rule, among other things.</summary>
public enum BinanceMarket : byte
{
    /// <summary>Spot: each diff's first update id follows the previous diff's last (<c>U</c> = previous <c>u</c> + 1).</summary>
    Spot,

    /// <summary>USDⓈ-M futures: each diff names the previous diff's last update id (<c>pu</c> = previous <c>u</c>).</summary>
    UsdMFutures,
}
