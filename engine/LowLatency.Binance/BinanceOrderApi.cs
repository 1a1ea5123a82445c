namespace LowLatency.Binance;

/// <summary>
/// Where a market's order endpoints are and what each request weighs, as Binance documents them: spot under
/// <c>/api/v3/</c>, USDⓈ-M futures under <c>/fapi/</c>, whose order query and open orders weigh less and whose
/// trade list is <c>userTrades</c>.
/// </summary>
public sealed record BinanceOrderApi
{
    public static BinanceOrderApi Spot { get; } = new()
    {
        Market = BinanceMarket.Spot, Order = "/api/v3/order", OpenOrders = "/api/v3/openOrders", Trades = "/api/v3/myTrades", ExchangeInfo = "/api/v3/exchangeInfo",
        QueryWeight = 4, OpenOrdersWeight = 6, TradesWeight = 5, ExchangeInfoWeight = 20,
    };

    public static BinanceOrderApi UsdMFutures { get; } = new()
    {
        Market = BinanceMarket.UsdMFutures, Order = "/fapi/v1/order", OpenOrders = "/fapi/v1/openOrders", Trades = "/fapi/v1/userTrades", ExchangeInfo = "/fapi/v1/exchangeInfo",
        QueryWeight = 1, OpenOrdersWeight = 1, TradesWeight = 5, ExchangeInfoWeight = 1,
    };

    public required BinanceMarket Market { get; init; }

    /// <summary>New (<c>POST</c>), cancel (<c>DELETE</c>), query (<c>GET</c>) and, on futures, modify (<c>PUT</c>).</summary>
    public required string Order { get; init; }

    public required string OpenOrders { get; init; }

    /// <summary>The account's trades of an order: <c>myTrades</c> on spot, <c>userTrades</c> on futures.</summary>
    public required string Trades { get; init; }

    public required string ExchangeInfo { get; init; }

    public required int QueryWeight { get; init; }

    /// <summary>Open orders of one symbol.</summary>
    public required int OpenOrdersWeight { get; init; }

    public required int TradesWeight { get; init; }

    public required int ExchangeInfoWeight { get; init; }

    public static BinanceOrderApi For(BinanceMarket market) => market == BinanceMarket.Spot ? Spot : UsdMFutures;
}
