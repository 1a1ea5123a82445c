using System.Collections.Specialized;
using System.Globalization;

namespace LowLatency.BinanceEmulator;

/// <summary>
/// An emulated USDⓈ-M futures account in one-way mode, with the endpoints Binance documents for it:
/// <c>POST</c>/<c>PUT</c>/<c>DELETE</c>/<c>GET /fapi/v1/order</c> (PUT modifies a LIMIT order in place, under the same
/// client id), <c>openOrders</c>, <c>userTrades</c>, <c>leverage</c>, <c>marginType</c> and <c>/fapi/v2/positionRisk</c>;
/// their error codes (<c>-4120</c> for the conditional types moved to the Algo Order API, <c>-4164</c>, <c>-4023</c>,
/// <c>-4116</c>, <c>-2011</c>, <c>-2013</c>, <c>-5027</c>, <c>-4028</c>, <c>-4046</c>, <c>-4047</c>/<c>-4048</c>); an
/// <c>ORDER_TRADE_UPDATE</c> for every change and an <c>ACCOUNT_UPDATE</c> after every trade. Each trade moves the
/// symbol's position; a test can set one directly (a trade made elsewhere).
/// </summary>
public sealed class EmulatedFuturesBook : EmulatedBook
{
    private readonly Dictionary<string, (decimal Amount, decimal EntryPrice)> _positions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _leverage = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _marginType = new(StringComparer.Ordinal);

    /// <summary>Changes of leverage and margin type accepted, in order: (symbol, what).</summary>
    public List<(string Symbol, string Change)> Settings { get; } = [];

    public decimal Position(string symbol)
    {
        lock (Gate)
        {
            return _positions.GetValueOrDefault(symbol).Amount;
        }
    }

    /// <summary>The symbol's position becomes <paramref name="amount"/> (signed) without an order of ours: another program's trade.</summary>
    public void SetPosition(string symbol, decimal amount, decimal entryPrice)
    {
        lock (Gate)
        {
            _positions[symbol] = (amount, entryPrice);
        }
    }

    public int Leverage(string symbol)
    {
        lock (Gate)
        {
            return _leverage.GetValueOrDefault(symbol, 20);
        }
    }

    public string MarginType(string symbol)
    {
        lock (Gate)
        {
            return _marginType.GetValueOrDefault(symbol, "CROSSED");
        }
    }

    public override bool Serves(string path) => path is "/fapi/v1/order" or "/fapi/v1/openOrders" or "/fapi/v1/userTrades" or "/fapi/v1/leverage" or "/fapi/v1/marginType" or "/fapi/v2/positionRisk";

    public override string ExchangeInfo(long serverMs)
    {
        var symbols = MarketPrice.Keys.Select(s => string.Create(CultureInfo.InvariantCulture,
            $$"""{"symbol":"{{s}}","pair":"{{s}}","contractType":"PERPETUAL","deliveryDate":4133404800000,"onboardDate":1569398400000,"status":"TRADING","baseAsset":"{{s[..^4]}}","quoteAsset":"USDT","marginAsset":"USDT","pricePrecision":2,"quantityPrecision":3,"baseAssetPrecision":8,"quotePrecision":8,"underlyingType":"COIN","settlePlan":0,"triggerProtect":"0.0500","filters":[{"filterType":"PRICE_FILTER","minPrice":"0.01","maxPrice":"4529764","tickSize":"0.01"},{"filterType":"LOT_SIZE","stepSize":"{{StepSize}}","maxQty":"1000","minQty":"{{StepSize}}"},{"filterType":"MARKET_LOT_SIZE","stepSize":"{{StepSize}}","maxQty":"120","minQty":"{{StepSize}}"},{"filterType":"MAX_NUM_ORDERS","limit":200},{"filterType":"MAX_NUM_ALGO_ORDERS","limit":10},{"filterType":"MIN_NOTIONAL","notional":"{{MinNotional}}"},{"filterType":"PERCENT_PRICE","multiplierUp":"1.0500","multiplierDown":"0.9500","multiplierDecimal":"4"}],"orderTypes":["LIMIT","MARKET","STOP","STOP_MARKET","TAKE_PROFIT","TAKE_PROFIT_MARKET","TRAILING_STOP_MARKET"],"timeInForce":["GTC","IOC","FOK","GTX","GTD"]}"""));
        return $$"""{"exchangeFilters":[],"rateLimits":[{"interval":"MINUTE","intervalNum":1,"limit":2400,"rateLimitType":"REQUEST_WEIGHT"},{"interval":"MINUTE","intervalNum":1,"limit":1200,"rateLimitType":"ORDERS"}],"serverTime":{{serverMs}},"assets":[],"symbols":[{{string.Join(',', symbols)}}],"timezone":"UTC"}""";
    }

    protected override (int Status, string Body) Answer(string method, string path, NameValueCollection p, List<string> events) => (method, path) switch
    {
        ("POST", "/fapi/v1/order") => New(p, p["newClientOrderId"] ?? NextClientId(), events),
        ("PUT", "/fapi/v1/order") => Modify(p, events),
        ("DELETE", "/fapi/v1/order") => Cancel(p, events),
        ("GET", "/fapi/v1/order") => ByClientId.TryGetValue(p["origClientOrderId"] ?? "", out var o) ? (200, Json(o)) : NoSuchOrder,
        ("GET", "/fapi/v1/openOrders") => (200, $"[{string.Join(',', ByClientId.Values.Where(o => o.IsOpen && o.Symbol == p["symbol"]).Select(Json))}]"),
        ("GET", "/fapi/v1/userTrades") => (200, UserTrades(p)),
        ("POST", "/fapi/v1/leverage") => SetLeverage(p),
        ("POST", "/fapi/v1/marginType") => SetMarginType(p),
        ("GET", "/fapi/v2/positionRisk") => (200, PositionRisk(p["symbol"])),
        _ => (404, """{"code":-1100,"msg":"Unknown path."}"""),
    };

    protected override string Report(EmulatedOrder order, string execution, decimal lastQuantity, decimal lastPrice, long tradeId, string? cancelId = null) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"e":"ORDER_TRADE_UPDATE","E":{{Now}},"T":{{Now}},"o":{"s":"{{order.Symbol}}","c":"{{order.ClientOrderId}}","S":"{{order.Side}}","o":"{{order.Type}}","f":"{{order.TimeInForce}}","q":"{{order.Quantity}}","p":"{{order.Price}}","ap":"{{Average(order)}}","sp":"0","x":"{{execution}}","X":"{{order.Status}}","i":{{order.OrderId}},"l":"{{lastQuantity}}","z":"{{order.Executed}}","L":"{{lastPrice}}","N":"USDT","n":"0","T":{{Now}},"t":{{Math.Max(tradeId, 0)}},"b":"0","a":"0","m":true,"R":false,"wt":"CONTRACT_PRICE","ot":"{{order.Type}}","ps":"BOTH","cp":false,"rp":"0","pP":false,"si":0,"ss":0,"V":"NONE","pm":"NONE","gtd":0}""") + "}";

    protected override void Traded(EmulatedOrder order, decimal quantity, decimal price, List<string> events)
    {
        var (amount, entry) = _positions.GetValueOrDefault(order.Symbol);
        var signed = order.Side == "BUY" ? quantity : -quantity;
        var next = amount + signed;
        entry = next == 0 ? 0 : Math.Sign(amount) == Math.Sign(signed) || amount == 0 ? ((amount * entry) + (signed * price)) / next : Math.Sign(next) == Math.Sign(amount) ? entry : price;
        _positions[order.Symbol] = (next, entry);
        events.Add(string.Create(CultureInfo.InvariantCulture,
            $$"""{"e":"ACCOUNT_UPDATE","E":{{Now}},"T":{{Now}},"a":{"m":"ORDER","B":[{"a":"USDT","wb":"100000","cw":"100000","bc":"0"}],"P":[{"s":"{{order.Symbol}}","pa":"{{next}}","ep":"{{entry}}","bep":"{{entry}}","cr":"0","up":"0","mt":"{{MarginType(order.Symbol).ToLowerInvariant()}}","iw":"0","ps":"BOTH"}]}""") + "}");
    }

    private static (int, string) NoSuchOrder => (400, """{"code":-2013,"msg":"Order does not exist."}""");

    private (int, string) New(NameValueCollection p, string clientOrderId, List<string> events)
    {
        Requests.Add(("POST", clientOrderId));
        if (p["type"] is not ("LIMIT" or "MARKET"))
        {
            return (400, """{"code":-4120,"msg":"Order type not supported for this endpoint. Please use the Algo Order API endpoints instead."}""");
        }

        var quantity = Number(p["quantity"]);
        if (Refused(p, quantity) is { } refused)
        {
            return refused;
        }

        if (ByClientId.TryGetValue(clientOrderId, out var existing) && existing.IsOpen)
        {
            return (400, """{"code":-4116,"msg":"ClientOrderId is duplicated."}""");
        }

        var position = _positions.GetValueOrDefault(p["symbol"]!).Amount;
        if (p["reduceOnly"] == "true" && (position == 0 || (position > 0) == (p["side"] == "BUY")))
        {
            return (400, """{"code":-2022,"msg":"ReduceOnly Order is rejected."}"""); // it would open or grow the position
        }

        var order = Add(p, clientOrderId, quantity);
        events.Add(Report(order, "NEW", 0, 0, 0));
        if (order.Type == "MARKET")
        {
            Trade(order, quantity, MarketPrice.GetValueOrDefault(order.Symbol, 100m), events);
        }

        return (200, Json(order));
    }

    /// <summary>A quantity off the step or a notional under the minimum, as futures words them; null when neither.</summary>
    private (int, string)? Refused(NameValueCollection p, decimal quantity)
    {
        if (quantity <= 0)
        {
            return (400, """{"code":-4003,"msg":"Quantity less than or equal to zero."}""");
        }

        if (Decimals(p["quantity"]) > Decimals(StepSize.ToString(CultureInfo.InvariantCulture).TrimEnd('0')))
        {
            return (400, """{"code":-1111,"msg":"Precision is over the maximum defined for this asset."}"""); // the symbol's quantityPrecision counts the digits written
        }

        if (quantity % StepSize != 0)
        {
            return (400, """{"code":-4023,"msg":"Qty not increased by step size."}""");
        }

        var price = p["type"] == "MARKET" ? MarketPrice.GetValueOrDefault(p["symbol"]!, 100m) : Number(p["price"]);
        return price * quantity < MinNotional && p["reduceOnly"] != "true"
            ? (400, string.Create(CultureInfo.InvariantCulture, $$"""{"code":-4164,"msg":"Order's notional must be no smaller than {{MinNotional}} (unless you choose reduce only)."}"""))
            : null;
    }

    /// <summary>Binance's modify: the LIMIT order keeps its ids and its fills; a quantity not above what it executed cancels it.</summary>
    private (int, string) Modify(NameValueCollection p, List<string> events)
    {
        var named = p["origClientOrderId"] ?? "";
        Requests.Add(("PUT", named));
        if (!ByClientId.TryGetValue(named, out var order) || !order.IsOpen)
        {
            return NoSuchOrder;
        }

        var (quantity, price) = (Number(p["quantity"]), Number(p["price"]));
        if (quantity == order.Quantity && price == order.Price)
        {
            return (400, """{"code":-5027,"msg":"No need to modify the order."}""");
        }

        if (quantity % StepSize != 0 || quantity <= 0)
        {
            return (400, """{"code":-4023,"msg":"Qty not increased by step size."}""");
        }

        order.UpdateMs = Now;
        if (quantity <= order.Executed)
        {
            order.Status = "CANCELED";
            events.Add(Report(order, "CANCELED", 0, 0, 0));
            return (200, Json(order));
        }

        (order.Quantity, order.Price) = (quantity, price);
        events.Add(Report(order, "AMENDMENT", 0, 0, 0));
        return (200, Json(order));
    }

    private (int, string) Cancel(NameValueCollection p, List<string> events)
    {
        if (!TryCancel(p, events, out var order))
        {
            return UnknownOrder;
        }

        return (200, Json(order));
    }

    private (int, string) SetLeverage(NameValueCollection p)
    {
        var symbol = p["symbol"] ?? "";
        if (!int.TryParse(p["leverage"], CultureInfo.InvariantCulture, out var leverage) || leverage is < 1 or > 125)
        {
            return (400, $$"""{"code":-4028,"msg":"Leverage {{p["leverage"]}} is not valid"}""");
        }

        _leverage[symbol] = leverage;
        Settings.Add((symbol, $"leverage {leverage}"));
        return (200, string.Create(CultureInfo.InvariantCulture, $$"""{"leverage":{{leverage}},"maxNotionalValue":"1000000","symbol":"{{symbol}}"}"""));
    }

    private (int, string) SetMarginType(NameValueCollection p)
    {
        var symbol = p["symbol"] ?? "";
        var wanted = p["marginType"] ?? "";
        if (wanted is not ("ISOLATED" or "CROSSED"))
        {
            return (400, """{"code":-4044,"msg":"The margin type is not valid."}""");
        }

        if (_marginType.GetValueOrDefault(symbol, "CROSSED") == wanted)
        {
            return (400, """{"code":-4046,"msg":"No need to change margin type."}""");
        }

        if (ByClientId.Values.Any(o => o.IsOpen && o.Symbol == symbol))
        {
            return (400, """{"code":-4047,"msg":"Margin type cannot be changed if there exists open orders."}""");
        }

        if (_positions.GetValueOrDefault(symbol).Amount != 0)
        {
            return (400, """{"code":-4048,"msg":"Margin type cannot be changed if there exists position."}""");
        }

        _marginType[symbol] = wanted;
        Settings.Add((symbol, $"margin {wanted}"));
        return (200, """{"code":200,"msg":"success"}""");
    }

    private string PositionRisk(string? symbol) => "[" + string.Join(',', MarketPrice.Keys.Where(s => symbol is null || s == symbol).Select(s =>
    {
        var (amount, entry) = _positions.GetValueOrDefault(s);
        var mark = MarketPrice[s];
        return string.Create(CultureInfo.InvariantCulture,
            $$"""{"entryPrice":"{{entry}}","breakEvenPrice":"{{entry}}","marginType":"{{(_marginType.GetValueOrDefault(s, "CROSSED") == "ISOLATED" ? "isolated" : "cross")}}","isAutoAddMargin":"false","isolatedMargin":"0","leverage":"{{_leverage.GetValueOrDefault(s, 20)}}","liquidationPrice":"0","markPrice":"{{mark}}","maxNotionalValue":"1000000","positionAmt":"{{amount}}","notional":"{{amount * mark}}","isolatedWallet":"0","symbol":"{{s}}","unRealizedProfit":"{{amount * (mark - entry)}}","positionSide":"BOTH","updateTime":{{Now}}}""");
    })) + "]";

    private string UserTrades(NameValueCollection p)
    {
        var orderId = long.TryParse(p["orderId"], CultureInfo.InvariantCulture, out var id) ? id : -1;
        return "[" + string.Join(',', Trades.Where(t => t.Order.Symbol == p["symbol"] && (orderId < 0 || t.Order.OrderId == orderId)).Select(t => string.Create(CultureInfo.InvariantCulture,
            $$"""{"buyer":{{(t.Order.Side == "BUY" ? "true" : "false")}},"commission":"0","commissionAsset":"USDT","id":{{t.Id}},"maker":true,"orderId":{{t.Order.OrderId}},"price":"{{t.Price}}","qty":"{{t.Quantity}}","quoteQty":"{{t.Price * t.Quantity}}","realizedPnl":"0","side":"{{t.Order.Side}}","positionSide":"BOTH","symbol":"{{t.Order.Symbol}}","time":{{t.TimeMs}}}"""))) + "]";
    }

    private static int Decimals(string? written) => written?.IndexOf('.', StringComparison.Ordinal) is { } at and >= 0 ? written.Length - at - 1 : 0;

    private static decimal Average(EmulatedOrder o) => o.Executed == 0 ? 0 : o.QuoteExecuted / o.Executed;

    private static string Json(EmulatedOrder o) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"avgPrice":"{{Average(o)}}","clientOrderId":"{{o.ClientOrderId}}","cumQuote":"{{o.QuoteExecuted}}","executedQty":"{{o.Executed}}","orderId":{{o.OrderId}},"origQty":"{{o.Quantity}}","origType":"{{o.Type}}","price":"{{o.Price}}","reduceOnly":false,"side":"{{o.Side}}","positionSide":"BOTH","status":"{{o.Status}}","stopPrice":"0","closePosition":false,"symbol":"{{o.Symbol}}","time":{{o.TimeMs}},"timeInForce":"{{o.TimeInForce}}","type":"{{o.Type}}","updateTime":{{Math.Max(o.TimeMs, o.UpdateMs)}},"workingType":"CONTRACT_PRICE","priceProtect":false,"priceMatch":"NONE","selfTradePreventionMode":"NONE","goodTillDate":0}""");
}
