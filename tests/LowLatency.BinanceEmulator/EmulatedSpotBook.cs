using System.Collections.Specialized;
using System.Globalization;

namespace LowLatency.BinanceEmulator;

/// <summary>
/// An emulated spot account's orders, with the endpoints Binance documents for them (<c>POST</c>/<c>DELETE
/// /api/v3/order</c>, <c>POST /api/v3/order/cancelReplace</c>, <c>GET /api/v3/order</c>, <c>openOrders</c>,
/// <c>myTrades</c>), their error codes (<c>-2010</c>, <c>-2011</c>, <c>-2013</c>, <c>-1013</c>, <c>-2021</c>,
/// <c>-2022</c>) and an <c>executionReport</c> on the user data stream for every change.
/// </summary>
public sealed class EmulatedSpotBook : EmulatedBook
{
    public override bool Serves(string path) => path is "/api/v3/order" or "/api/v3/order/cancelReplace" or "/api/v3/openOrders" or "/api/v3/myTrades";

    protected override (int Status, string Body) Answer(string method, string path, NameValueCollection p, List<string> events) => (method, path) switch
    {
        ("POST", "/api/v3/order") => New(p, p["newClientOrderId"] ?? NextClientId(), events),
        ("DELETE", "/api/v3/order") => Cancel(p, events),
        ("POST", "/api/v3/order/cancelReplace") => CancelReplace(p, events),
        ("GET", "/api/v3/order") => ByClientId.TryGetValue(p["origClientOrderId"] ?? "", out var o) ? (200, Json(o)) : (400, """{"code":-2013,"msg":"Order does not exist."}"""),
        ("GET", "/api/v3/openOrders") => (200, $"[{string.Join(',', ByClientId.Values.Where(o => o.IsOpen && o.Symbol == p["symbol"]).Select(Json))}]"),
        ("GET", "/api/v3/myTrades") => (200, MyTrades(p)),
        _ => (404, """{"code":-1100,"msg":"Unknown path."}"""),
    };

    /// <summary>The <c>exchangeInfo</c> answer for the symbols <see cref="MarketPrice"/> knows, in Binance's documented shape, with this book's filters.</summary>
    public override string ExchangeInfo(long serverMs)
    {
        var symbols = MarketPrice.Keys.Select(s => string.Create(CultureInfo.InvariantCulture,
            $$"""{"symbol":"{{s}}","status":"TRADING","baseAsset":"{{s[..^4]}}","baseAssetPrecision":8,"quoteAsset":"USDT","quotePrecision":8,"quoteAssetPrecision":8,"orderTypes":["LIMIT","LIMIT_MAKER","MARKET","STOP_LOSS","STOP_LOSS_LIMIT","TAKE_PROFIT","TAKE_PROFIT_LIMIT"],"icebergAllowed":true,"ocoAllowed":true,"isSpotTradingAllowed":true,"isMarginTradingAllowed":false,"filters":[{"filterType":"PRICE_FILTER","minPrice":"0.01000000","maxPrice":"1000000.00000000","tickSize":"0.01000000"},{"filterType":"LOT_SIZE","minQty":"{{StepSize}}","maxQty":"9000.00000000","stepSize":"{{StepSize}}"},{"filterType":"NOTIONAL","minNotional":"{{MinNotional}}","applyMinToMarket":true,"maxNotional":"9000000.00000000","applyMaxToMarket":false,"avgPriceMins":5},{"filterType":"PERCENT_PRICE_BY_SIDE","bidMultiplierUp":"5","bidMultiplierDown":"0.2","askMultiplierUp":"5","askMultiplierDown":"0.2","avgPriceMins":5}],"permissions":[],"defaultSelfTradePreventionMode":"EXPIRE_MAKER","allowedSelfTradePreventionModes":["EXPIRE_TAKER","EXPIRE_MAKER","EXPIRE_BOTH"]}"""));
        return $$"""{"timezone":"UTC","serverTime":{{serverMs}},"rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000}],"exchangeFilters":[],"symbols":[{{string.Join(',', symbols)}}]}""";
    }

    private (int, string) New(NameValueCollection p, string clientOrderId, List<string> events)
    {
        Requests.Add(("POST", clientOrderId));
        var quantity = Number(p["quantity"]);
        if (quantity <= 0 || quantity % StepSize != 0)
        {
            return (400, """{"code":-1013,"msg":"Filter failure: LOT_SIZE"}""");
        }

        if (p["type"] == "LIMIT" && Number(p["price"]) * quantity < MinNotional)
        {
            return (400, """{"code":-1013,"msg":"Filter failure: NOTIONAL"}""");
        }

        if (ByClientId.TryGetValue(clientOrderId, out var existing) && existing.IsOpen)
        {
            return (400, """{"code":-2010,"msg":"Duplicate order sent."}""");
        }

        var order = Add(p, clientOrderId, quantity);
        events.Add(Report(order, "NEW", 0, 0, -1));
        if (order.Type == "MARKET")
        {
            Trade(order, quantity, MarketPrice.GetValueOrDefault(order.Symbol, 100m), events);
        }

        return (200, Ack(order));
    }

    private (int, string) Cancel(NameValueCollection p, List<string> events)
    {
        if (!TryCancel(p, events, out var order))
        {
            return UnknownOrder;
        }

        return (200, Json(order)[..^1] + $$""","origClientOrderId":"{{order.ClientOrderId}}"}""");
    }

    private (int, string) CancelReplace(NameValueCollection p, List<string> events)
    {
        var named = p["cancelOrigClientOrderId"] ?? "";
        if (!ByClientId.TryGetValue(named, out var old) || !old.IsOpen)
        {
            Requests.Add(("CANCELREPLACE", named));
            return (400, """{"code":-2022,"msg":"Order cancel-replace failed.","data":{"cancelResult":"FAILURE","newOrderResult":"NOT_ATTEMPTED","cancelResponse":{"code":-2011,"msg":"Unknown order sent."},"newOrderResponse":null}}""");
        }

        var (_, cancelled) = Cancel(new NameValueCollection { ["origClientOrderId"] = named }, events);
        var (status, created) = New(p, p["newClientOrderId"] ?? NextClientId(), events);
        return status == 200
            ? (200, $$"""{"cancelResult":"SUCCESS","newOrderResult":"SUCCESS","cancelResponse":{{cancelled}},"newOrderResponse":{{created}}}""")
            : (409, $$$"""{"code":-2021,"msg":"Order cancel-replace partially failed.","data":{"cancelResult":"SUCCESS","newOrderResult":"FAILURE","cancelResponse":{{{cancelled}}},"newOrderResponse":{{{created}}}}}""");
    }

    private string MyTrades(NameValueCollection p)
    {
        var orderId = long.TryParse(p["orderId"], CultureInfo.InvariantCulture, out var id) ? id : -1;
        return "[" + string.Join(',', Trades.Where(t => t.Order.Symbol == p["symbol"] && (orderId < 0 || t.Order.OrderId == orderId)).Select(t => string.Create(CultureInfo.InvariantCulture,
            $$"""{"symbol":"{{t.Order.Symbol}}","id":{{t.Id}},"orderId":{{t.Order.OrderId}},"orderListId":-1,"price":"{{t.Price}}","qty":"{{t.Quantity}}","quoteQty":"{{t.Price * t.Quantity}}","commission":"0","commissionAsset":"BNB","time":{{t.TimeMs}},"isBuyer":{{(t.Order.Side == "BUY" ? "true" : "false")}},"isMaker":true,"isBestMatch":true}"""))) + "]";
    }

    private static string Ack(EmulatedOrder o) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"symbol":"{{o.Symbol}}","orderId":{{o.OrderId}},"orderListId":-1,"clientOrderId":"{{o.ClientOrderId}}","transactTime":{{o.TimeMs}}}""");

    private static string Json(EmulatedOrder o) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"symbol":"{{o.Symbol}}","orderId":{{o.OrderId}},"orderListId":-1,"clientOrderId":"{{o.ClientOrderId}}","price":"{{o.Price}}","origQty":"{{o.Quantity}}","executedQty":"{{o.Executed}}","cummulativeQuoteQty":"{{o.QuoteExecuted}}","status":"{{o.Status}}","timeInForce":"{{o.TimeInForce}}","type":"{{o.Type}}","side":"{{o.Side}}","stopPrice":"{{o.StopPrice}}","icebergQty":"0.00000000","time":{{o.TimeMs}},"updateTime":{{Math.Max(o.TimeMs, o.UpdateMs)}},"isWorking":true,"workingTime":{{o.TimeMs}},"origQuoteOrderQty":"0.00000000","selfTradePreventionMode":"NONE"}""");

    /// <summary>An <c>executionReport</c> as Binance documents it (<c>C</c>: the order a cancel cancelled).</summary>
    protected override string Report(EmulatedOrder order, string execution, decimal lastQuantity, decimal lastPrice, long tradeId, string? cancelId = null) => Report(order, execution, lastQuantity, lastPrice, tradeId, cancelId, Now);

    private static string Report(EmulatedOrder o, string execution, decimal lastQuantity, decimal lastPrice, long tradeId, string? cancelId, long now) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"e":"executionReport","E":{{now}},"s":"{{o.Symbol}}","c":"{{cancelId ?? o.ClientOrderId}}","S":"{{o.Side}}","o":"{{o.Type}}","f":"{{o.TimeInForce}}","q":"{{o.Quantity}}","p":"{{o.Price}}","P":"{{o.StopPrice}}","F":"0.00000000","g":-1,"C":"{{(cancelId is null ? "" : o.ClientOrderId)}}","x":"{{execution}}","X":"{{o.Status}}","r":"NONE","i":{{o.OrderId}},"l":"{{lastQuantity}}","z":"{{o.Executed}}","L":"{{lastPrice}}","n":"0","N":null,"T":{{now}},"t":{{tradeId}},"I":1,"w":true,"m":false,"M":false,"O":{{o.TimeMs}},"Z":"{{o.QuoteExecuted}}","Y":"{{lastPrice * lastQuantity}}","Q":"0.00000000","W":{{o.TimeMs}},"V":"NONE"}""");
}
