namespace LowLatency.Binance;

/// <summary>
/// Binance's addresses, production and testnet, spot and USDⓈ-M futures, as its documentation gives them; the
/// environment overrides them for the engine and the bridge alike (<c>LL_BINANCE_REST_URL</c>,
/// <c>LL_BINANCE_WS_URL</c>, <c>LL_BINANCE_FUTURES_REST_URL</c>, <c>LL_BINANCE_FUTURES_WS_URL</c>, <c>LL_BINANCE_WS_API_URL</c>).
/// </summary>
public static class BinanceEndpoints
{
    public static Uri Rest(BinanceMarket market, bool testnet) => From(
        market == BinanceMarket.Spot ? "LL_BINANCE_REST_URL" : "LL_BINANCE_FUTURES_REST_URL",
        (market, testnet) switch
        {
            (BinanceMarket.Spot, false) => "https://api.binance.com",
            (BinanceMarket.Spot, true) => "https://testnet.binance.vision",
            (_, false) => "https://fapi.binance.com",
            _ => "https://testnet.binancefuture.com",
        });

    public static Uri Streams(BinanceMarket market, bool testnet) => From(
        market == BinanceMarket.Spot ? "LL_BINANCE_WS_URL" : "LL_BINANCE_FUTURES_WS_URL",
        (market, testnet) switch
        {
            (BinanceMarket.Spot, false) => "wss://stream.binance.com:9443",
            (BinanceMarket.Spot, true) => "wss://stream.testnet.binance.vision",
            (_, false) => "wss://fstream.binance.com",
            _ => "wss://stream.binancefuture.com",
        });

    /// <summary>Spot's WebSocket API (orders and the user data subscription), overridden by <c>LL_BINANCE_WS_API_URL</c>.</summary>
    public static Uri SpotWebSocketApi(bool testnet) => From("LL_BINANCE_WS_API_URL",
        testnet ? "wss://ws-api.testnet.binance.vision/ws-api/v3" : "wss://ws-api.binance.com:443/ws-api/v3");

    /// <summary>The combined-stream address for <paramref name="streams"/> (<c>btcusdt@bookTicker</c>, …) under <paramref name="root"/>.</summary>
    public static Uri Combined(Uri root, IEnumerable<string> streams) =>
        new($"{root.ToString().TrimEnd('/')}/stream?streams={string.Join('/', streams)}");

    private static Uri From(string variable, string builtIn)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return new Uri(builtIn);
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var url) ? url : throw new InvalidOperationException($"{variable} is '{value}', not an absolute address");
    }
}
