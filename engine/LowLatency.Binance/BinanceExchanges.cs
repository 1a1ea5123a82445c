namespace LowLatency.Binance;

/// <summary>
/// The exchange names the frontend's Settings page and the venues' status use for Binance's markets, as CCXT (which
/// the original system reached exchanges through) names them: <c>binance</c> for spot, <c>binanceusdm</c> for
/// USDⓈ-M futures.
/// </summary>
public static class BinanceExchanges
{
    public const string Names = "binance (spot) and binanceusdm (USDⓈ-M futures)";

    public static string Name(BinanceMarket market) => market == BinanceMarket.Spot ? "binance" : "binanceusdm";

    /// <summary>The market <paramref name="exchange"/> names (any case); null when it names none of Binance's.</summary>
    public static BinanceMarket? Market(string exchange) =>
        exchange.Equals("binance", StringComparison.OrdinalIgnoreCase) ? BinanceMarket.Spot
        : exchange.Equals("binanceusdm", StringComparison.OrdinalIgnoreCase) ? BinanceMarket.UsdMFutures
        : null;
}
