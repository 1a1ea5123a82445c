using System.Collections.Specialized;
using System.Globalization;

namespace LowLatency.BinanceEmulator;

/// <summary>
/// The orders of one emulated spot account, with the endpoints Binance documents for them (<c>POST</c>/<c>DELETE
/// /api/v3/order</c>, <c>POST /api/v3/order/cancelReplace</c>, <c>GET /api/v3/order</c>, <c>openOrders</c>,
/// <c>myTrades</c>), their error codes (<c>-2010</c>, <c>-2011</c>, <c>-2013</c>, <c>-1013</c>, <c>-2021</c>,
/// <c>-2022</c>) and an <c>executionReport</c> on the user data stream for every change, sent before the REST answer
/// (as Binance may). Market orders fill at <see cref="MarketPrice"/>; limit orders rest until a test fills them
/// (<see cref="Fill"/>), which is the counterparty's trade. Events can be lost on request.
/// </summary>
public sealed class EmulatedSpotBook
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EmulatedOrder> _byClientId = new(StringComparer.Ordinal);
    private readonly List<(long Id, EmulatedOrder Order, decimal Price, decimal Quantity, long TimeMs)> _trades = [];
    private long _nextOrderId = 1000;
    private long _nextTradeId = 5000;
    private int _eventsToLose;

    /// <summary>Where events go (the user data stream emulator's send); an event with no connection to take it is lost, as on Binance.</summary>
    public Func<string, Task>? Events { get; set; }

    /// <summary>The price market orders fill at, by symbol.</summary>
    public Dictionary<string, decimal> MarketPrice { get; } = new(StringComparer.Ordinal) { ["BTCUSDT"] = 50_000m };

    /// <summary>The LOT_SIZE step; a quantity off it is refused with <c>-1013</c>.</summary>
    public decimal StepSize { get; set; } = 0.00001m;

    /// <summary>The minimum notional (NOTIONAL filter) of every symbol.</summary>
    public decimal MinNotional { get; set; } = 5m;

    /// <summary>Every order request that reached the book: (method, client order id).</summary>
    public List<(string Method, string ClientOrderId)> Requests { get; } = [];

    /// <summary>The next <paramref name="count"/> events are not delivered (a gap in the stream).</summary>
    public void LoseEvents(int count) => Interlocked.Exchange(ref _eventsToLose, count);

    public EmulatedOrder? Find(string clientOrderId)
    {
        lock (_gate)
        {
            return _byClientId.GetValueOrDefault(clientOrderId);
        }
    }

    public IReadOnlyList<EmulatedOrder> Orders
    {
        get
        {
            lock (_gate)
            {
                return [.. _byClientId.Values];
            }
        }
    }

    /// <summary>Places an order directly (another program on the account, or one a lost journal sent).</summary>
    public EmulatedOrder Place(string symbol, string clientOrderId, string side, decimal quantity, decimal price)
    {
        lock (_gate)
        {
            var order = new EmulatedOrder { Symbol = symbol, OrderId = _nextOrderId++, ClientOrderId = clientOrderId, Side = side, Type = "LIMIT", Price = price, Quantity = quantity, TimeMs = Now };
            _byClientId[clientOrderId] = order;
            return order;
        }
    }

    /// <summary>A counterparty trades <paramref name="quantity"/> with the open order at <paramref name="price"/>; false when it is not open.</summary>
    public bool Fill(string clientOrderId, decimal quantity, decimal price)
    {
        string report;
        lock (_gate)
        {
            if (!_byClientId.TryGetValue(clientOrderId, out var order) || !order.IsOpen)
            {
                return false;
            }

            report = Trade(order, Math.Min(quantity, order.Quantity - order.Executed), price);
        }

        Send(report);
        return true;
    }

    /// <summary>Answers an order endpoint (<paramref name="path"/> under <c>/api/v3/</c>) with the signed request's parameters.</summary>
    public (int Status, string Body) Handle(string method, string path, NameValueCollection p)
    {
        var events = new List<string>();
        (int, string) answer;
        lock (_gate)
        {
            answer = (method, path) switch
            {
                ("POST", "/api/v3/order") => New(p, p["newClientOrderId"] ?? $"x-{_nextOrderId}", events),
                ("DELETE", "/api/v3/order") => Cancel(p, events),
                ("POST", "/api/v3/order/cancelReplace") => CancelReplace(p, events),
                ("GET", "/api/v3/order") => _byClientId.TryGetValue(p["origClientOrderId"] ?? "", out var o) ? (200, Json(o)) : (400, """{"code":-2013,"msg":"Order does not exist."}"""),
                ("GET", "/api/v3/openOrders") => (200, $"[{string.Join(',', _byClientId.Values.Where(o => o.IsOpen && o.Symbol == p["symbol"]).Select(Json))}]"),
                ("GET", "/api/v3/myTrades") => (200, MyTrades(p)),
                _ => (404, """{"code":-1100,"msg":"Unknown path."}"""),
            };
        }

        foreach (var e in events)
        {
            Send(e);
        }

        return answer;
    }

    /// <summary>The <c>exchangeInfo</c> answer for the symbols <see cref="MarketPrice"/> knows, in Binance's documented shape, with this book's filters.</summary>
    public string ExchangeInfo(long serverMs)
    {
        var symbols = MarketPrice.Keys.Select(s => string.Create(CultureInfo.InvariantCulture,
            $$"""{"symbol":"{{s}}","status":"TRADING","baseAsset":"{{s[..^4]}}","baseAssetPrecision":8,"quoteAsset":"USDT","quotePrecision":8,"quoteAssetPrecision":8,"orderTypes":["LIMIT","LIMIT_MAKER","MARKET","STOP_LOSS","STOP_LOSS_LIMIT","TAKE_PROFIT","TAKE_PROFIT_LIMIT"],"icebergAllowed":true,"ocoAllowed":true,"isSpotTradingAllowed":true,"isMarginTradingAllowed":false,"filters":[{"filterType":"PRICE_FILTER","minPrice":"0.01000000","maxPrice":"1000000.00000000","tickSize":"0.01000000"},{"filterType":"LOT_SIZE","minQty":"{{StepSize}}","maxQty":"9000.00000000","stepSize":"{{StepSize}}"},{"filterType":"NOTIONAL","minNotional":"{{MinNotional}}","applyMinToMarket":true,"maxNotional":"9000000.00000000","applyMaxToMarket":false,"avgPriceMins":5},{"filterType":"PERCENT_PRICE_BY_SIDE","bidMultiplierUp":"5","bidMultiplierDown":"0.2","askMultiplierUp":"5","askMultiplierDown":"0.2","avgPriceMins":5}],"permissions":[],"defaultSelfTradePreventionMode":"EXPIRE_MAKER","allowedSelfTradePreventionModes":["EXPIRE_TAKER","EXPIRE_MAKER","EXPIRE_BOTH"]}"""));
        return $$"""{"timezone":"UTC","serverTime":{{serverMs}},"rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000}],"exchangeFilters":[],"symbols":[{{string.Join(',', symbols)}}]}""";
    }

    private (int, string) New(NameValueCollection p, string clientOrderId, List<string> events)
    {
        Requests.Add(("POST", clientOrderId));
        var quantity = decimal.Parse(p["quantity"] ?? "0", CultureInfo.InvariantCulture);
        if (quantity <= 0 || quantity % StepSize != 0)
        {
            return (400, """{"code":-1013,"msg":"Filter failure: LOT_SIZE"}""");
        }

        if (p["type"] == "LIMIT" && decimal.Parse(p["price"] ?? "0", CultureInfo.InvariantCulture) * quantity < MinNotional)
        {
            return (400, """{"code":-1013,"msg":"Filter failure: NOTIONAL"}""");
        }

        if (_byClientId.TryGetValue(clientOrderId, out var existing) && existing.IsOpen)
        {
            return (400, """{"code":-2010,"msg":"Duplicate order sent."}""");
        }

        var order = new EmulatedOrder
        {
            Symbol = p["symbol"]!, OrderId = _nextOrderId++, ClientOrderId = clientOrderId, Side = p["side"]!, Type = p["type"]!, TimeInForce = p["timeInForce"] ?? "GTC",
            Price = decimal.Parse(p["price"] ?? "0", CultureInfo.InvariantCulture), StopPrice = decimal.Parse(p["stopPrice"] ?? "0", CultureInfo.InvariantCulture), Quantity = quantity, TimeMs = Now,
        };
        _byClientId[clientOrderId] = order;
        events.Add(Report(order, "NEW", 0, 0, -1));
        if (order.Type == "MARKET")
        {
            events.Add(Trade(order, quantity, MarketPrice.GetValueOrDefault(order.Symbol, 100m)));
        }

        return (200, Ack(order));
    }

    private (int, string) Cancel(NameValueCollection p, List<string> events)
    {
        var named = p["origClientOrderId"] ?? "";
        Requests.Add(("DELETE", named));
        if (!_byClientId.TryGetValue(named, out var order) || !order.IsOpen)
        {
            return (400, """{"code":-2011,"msg":"Unknown order sent."}""");
        }

        order.Status = "CANCELED";
        order.UpdateMs = Now;
        events.Add(Report(order, "CANCELED", 0, 0, -1, p["newClientOrderId"] ?? $"cancel-{order.OrderId}"));
        return (200, Json(order)[..^1] + $$""","origClientOrderId":"{{order.ClientOrderId}}"}""");
    }

    private (int, string) CancelReplace(NameValueCollection p, List<string> events)
    {
        var named = p["cancelOrigClientOrderId"] ?? "";
        if (!_byClientId.TryGetValue(named, out var old) || !old.IsOpen)
        {
            Requests.Add(("CANCELREPLACE", named));
            return (400, """{"code":-2022,"msg":"Order cancel-replace failed.","data":{"cancelResult":"FAILURE","newOrderResult":"NOT_ATTEMPTED","cancelResponse":{"code":-2011,"msg":"Unknown order sent."},"newOrderResponse":null}}""");
        }

        var (_, cancelled) = Cancel(new NameValueCollection { ["origClientOrderId"] = named }, events);
        var (status, created) = New(p, p["newClientOrderId"] ?? $"x-{_nextOrderId}", events);
        return status == 200
            ? (200, $$"""{"cancelResult":"SUCCESS","newOrderResult":"SUCCESS","cancelResponse":{{cancelled}},"newOrderResponse":{{created}}}""")
            : (409, $$$"""{"code":-2021,"msg":"Order cancel-replace partially failed.","data":{"cancelResult":"SUCCESS","newOrderResult":"FAILURE","cancelResponse":{{{cancelled}}},"newOrderResponse":{{{created}}}}}""");
    }

    private string MyTrades(NameValueCollection p)
    {
        var orderId = long.TryParse(p["orderId"], CultureInfo.InvariantCulture, out var id) ? id : -1;
        return "[" + string.Join(',', _trades.Where(t => t.Order.Symbol == p["symbol"] && (orderId < 0 || t.Order.OrderId == orderId)).Select(t => string.Create(CultureInfo.InvariantCulture,
            $$"""{"symbol":"{{t.Order.Symbol}}","id":{{t.Id}},"orderId":{{t.Order.OrderId}},"orderListId":-1,"price":"{{t.Price}}","qty":"{{t.Quantity}}","quoteQty":"{{t.Price * t.Quantity}}","commission":"0","commissionAsset":"BNB","time":{{t.TimeMs}},"isBuyer":{{(t.Order.Side == "BUY" ? "true" : "false")}},"isMaker":true,"isBestMatch":true}"""))) + "]";
    }

    /// <summary>Under the lock: a trade on the order, and its event.</summary>
    private string Trade(EmulatedOrder order, decimal quantity, decimal price)
    {
        order.Executed += quantity;
        order.QuoteExecuted += quantity * price;
        order.Status = order.Executed == order.Quantity ? "FILLED" : "PARTIALLY_FILLED";
        order.UpdateMs = Now;
        var id = _nextTradeId++;
        _trades.Add((id, order, price, quantity, order.UpdateMs));
        return Report(order, "TRADE", quantity, price, id);
    }

    private void Send(string report)
    {
        if ((Volatile.Read(ref _eventsToLose) > 0 && Interlocked.Decrement(ref _eventsToLose) >= 0) || Events is not { } events)
        {
            return;
        }

        try
        {
            events(report).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // no user data connection: the event is lost, as it would be
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or ObjectDisposedException or IOException)
        {
            // the connection is going
        }
    }

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static string Ack(EmulatedOrder o) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"symbol":"{{o.Symbol}}","orderId":{{o.OrderId}},"orderListId":-1,"clientOrderId":"{{o.ClientOrderId}}","transactTime":{{o.TimeMs}}}""");

    private static string Json(EmulatedOrder o) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"symbol":"{{o.Symbol}}","orderId":{{o.OrderId}},"orderListId":-1,"clientOrderId":"{{o.ClientOrderId}}","price":"{{o.Price}}","origQty":"{{o.Quantity}}","executedQty":"{{o.Executed}}","cummulativeQuoteQty":"{{o.QuoteExecuted}}","status":"{{o.Status}}","timeInForce":"{{o.TimeInForce}}","type":"{{o.Type}}","side":"{{o.Side}}","stopPrice":"{{o.StopPrice}}","icebergQty":"0.00000000","time":{{o.TimeMs}},"updateTime":{{Math.Max(o.TimeMs, o.UpdateMs)}},"isWorking":true,"workingTime":{{o.TimeMs}},"origQuoteOrderQty":"0.00000000","selfTradePreventionMode":"NONE"}""");

    /// <summary>An <c>executionReport</c> as Binance documents it (<c>C</c>: the order a cancel cancelled).</summary>
    private static string Report(EmulatedOrder o, string execution, decimal lastQuantity, decimal lastPrice, long tradeId, string? cancelId = null) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"e":"executionReport","E":{{Now}},"s":"{{o.Symbol}}","c":"{{cancelId ?? o.ClientOrderId}}","S":"{{o.Side}}","o":"{{o.Type}}","f":"{{o.TimeInForce}}","q":"{{o.Quantity}}","p":"{{o.Price}}","P":"{{o.StopPrice}}","F":"0.00000000","g":-1,"C":"{{(cancelId is null ? "" : o.ClientOrderId)}}","x":"{{execution}}","X":"{{o.Status}}","r":"NONE","i":{{o.OrderId}},"l":"{{lastQuantity}}","z":"{{o.Executed}}","L":"{{lastPrice}}","n":"0","N":null,"T":{{Now}},"t":{{tradeId}},"I":1,"w":true,"m":false,"M":false,"O":{{o.TimeMs}},"Z":"{{o.QuoteExecuted}}","Y":"{{lastPrice * lastQuantity}}","Q":"0.00000000","W":{{o.TimeMs}},"V":"NONE"}""");
}
