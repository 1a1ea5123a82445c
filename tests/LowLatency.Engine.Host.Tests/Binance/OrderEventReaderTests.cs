using LowLatency.Binance;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>
/// The user data stream's events and the order and trade queries, read from the payloads Binance's documentation
/// publishes (spot "User Data Streams" executionReport and listenKeyExpired, futures ORDER_TRADE_UPDATE, "Query
/// order", "Account trade list"; field values as published, ids shortened where noted), and anything else refused.
/// </summary>
[TestFixture]
public sealed class OrderEventReaderTests
{
    private const string ExecutionReport = """
        {"e":"executionReport","E":1499405658658,"s":"ETHBTC","c":"mUvoqJxFIILMdfAW5iGSOW","S":"BUY","o":"LIMIT","f":"GTC","q":"1.00000000","p":"0.10264410","P":"0.00000000","F":"0.00000000","g":-1,"C":"","x":"TRADE","X":"PARTIALLY_FILLED","r":"NONE","i":4293153,"l":"0.25000000","z":"0.25000000","L":"0.10264400","n":"0","N":null,"T":1499405658657,"t":-1,"I":8641984,"w":true,"m":false,"M":false,"O":1499405658657,"Z":"0.02566100","Y":"0.02566100","Q":"0.00000000"}
        """;

    [Test]
    public void A_spot_execution_report_gives_the_order_its_cumulative_and_the_trade_it_announces()
    {
        Assert.That(OrderEventReader.ReadStreamEvent(System.Text.Encoding.UTF8.GetBytes(ExecutionReport), out var e), Is.EqualTo(UserDataEventKind.Order));
        Assert.Multiple(() =>
        {
            Assert.That(e!.Symbol, Is.EqualTo("ETHBTC"));
            Assert.That(e.ClientOrderId, Is.EqualTo("mUvoqJxFIILMdfAW5iGSOW"));
            Assert.That(e.ExchangeOrderId, Is.EqualTo(4293153));
            Assert.That((e.ExecutionType, e.Status), Is.EqualTo(("TRADE", "PARTIALLY_FILLED")));
            Assert.That((e.OriginalQuantity, e.CumulativeQuantity, e.LastQuantity, e.LastPrice), Is.EqualTo((1m, 0.25m, 0.25m, 0.102644m)));
            Assert.That(e.TimeMs, Is.EqualTo(1499405658657));
        });
    }

    [Test]
    public void A_cancels_event_names_the_order_cancelled_not_the_cancel()
    {
        var cancelled = ExecutionReport.Replace("\"C\":\"\"", "\"C\":\"LL-7-42\"", StringComparison.Ordinal).Replace("\"x\":\"TRADE\"", "\"x\":\"CANCELED\"", StringComparison.Ordinal);
        Assert.That(OrderEventReader.ReadStreamEvent(System.Text.Encoding.UTF8.GetBytes(cancelled), out var e), Is.EqualTo(UserDataEventKind.Order));
        Assert.That((e!.ClientOrderId, e.ExecutionType), Is.EqualTo(("LL-7-42", "CANCELED")));
    }

    [Test]
    public void A_futures_order_trade_update_reads_its_inner_order()
    {
        const string update = """
            {"e":"ORDER_TRADE_UPDATE","E":1568879465651,"T":1568879465650,"o":{"s":"BTCUSDT","c":"TEST","S":"SELL","o":"TRAILING_STOP_MARKET","f":"GTC","q":"0.001","p":"0","ap":"0","sp":"7103.04","x":"NEW","X":"NEW","i":8886774,"l":"0","z":"0","L":"0","N":"USDT","n":"0","T":1568879465650,"t":0,"b":"0","a":"9.91","m":false,"R":false,"wt":"CONTRACT_PRICE","ot":"TRAILING_STOP_MARKET","ps":"LONG","cp":false,"AP":"7476.89","cr":"5.0","pP":false,"si":0,"ss":0,"rp":"0"}}
            """;
        Assert.That(OrderEventReader.ReadStreamEvent(System.Text.Encoding.UTF8.GetBytes(update), out var e), Is.EqualTo(UserDataEventKind.Order));
        Assert.That((e!.Symbol, e.ClientOrderId, e.Status, e.OriginalQuantity, e.TimeMs), Is.EqualTo(("BTCUSDT", "TEST", "NEW", 0.001m, 1568879465651L)));
    }

    [Test]
    public void The_listen_keys_expiry_is_told_apart_and_the_WebSocket_APIs_wrapper_is_read_through()
    {
        Assert.That(OrderEventReader.ReadStreamEvent("""{"e":"listenKeyExpired","E":1699596037418,"listenKey":"OfYGbUzi3PraNagEkdKuFwUHn48brFsItTdsuiIXrucEvD0rhRXZ7I6URWfE8YE8"}"""u8, out _),
            Is.EqualTo(UserDataEventKind.ListenKeyExpired));
        var wrapped = $$"""{"subscriptionId":0,"event":{{ExecutionReport}}}""";
        Assert.That(OrderEventReader.ReadStreamEvent(System.Text.Encoding.UTF8.GetBytes(wrapped), out var e), Is.EqualTo(UserDataEventKind.Order));
        Assert.That(e!.CumulativeQuantity, Is.EqualTo(0.25m));
    }

    [TestCase("")]
    [TestCase("{")]
    [TestCase("[1,2]")]
    [TestCase("""{"e":"outboundAccountPosition","E":1564034571105}""")]
    [TestCase("""{"e":"executionReport","s":"ETHBTC"}""")]
    [TestCase("""{"e":"executionReport","s":"ETHBTC","c":"x","C":"","i":1,"X":"NEW","x":"NEW","q":"one","z":"0","l":"0","L":"0"}""")]
    [TestCase("""{"e":"executionReport","s":"ETHBTC","c":"x","C":"","i":1,"X":"NEW","x":"NEW","q":null,"z":"0","l":"0","L":"0"}""")]
    public void Anything_else_is_other_never_an_exception(string json)
    {
        Assert.That(OrderEventReader.ReadStreamEvent(System.Text.Encoding.UTF8.GetBytes(json), out var e), Is.EqualTo(UserDataEventKind.Other));
        Assert.That(e, Is.Null);
    }

    [Test]
    public void An_order_query_and_the_open_orders_read_status_and_executed_quantity()
    {
        const string order = """
            {"symbol":"LTCBTC","orderId":1,"orderListId":-1,"clientOrderId":"myOrder1","price":"0.1","origQty":"1.0","executedQty":"0.4","cummulativeQuoteQty":"0.04","status":"PARTIALLY_FILLED","timeInForce":"GTC","type":"LIMIT","side":"BUY","stopPrice":"0.0","icebergQty":"0.0","time":1499827319559,"updateTime":1499827319559,"isWorking":true,"workingTime":1499827319559,"origQuoteOrderQty":"0.000000","selfTradePreventionMode":"NONE"}
            """;
        Assert.That(OrderEventReader.TryReadOrder(order, out var e), Is.True);
        Assert.That((e!.ClientOrderId, e.Status, e.OriginalQuantity, e.CumulativeQuantity), Is.EqualTo(("myOrder1", "PARTIALLY_FILLED", 1.0m, 0.4m)));
        Assert.That(OrderEventReader.ReadOrders($"[{order},{order}]"), Has.Count.EqualTo(2));
        Assert.That(OrderEventReader.TryReadOrder("""{"code":-2013,"msg":"Order does not exist."}""", out _), Is.False);
        Assert.That(OrderEventReader.ReadOrders("""{"code":-1121,"msg":"Invalid symbol."}"""), Is.Empty);
    }

    [Test]
    public void The_trade_list_comes_back_in_trade_id_order()
    {
        const string trades = """
            [{"symbol":"BNBBTC","id":28458,"orderId":100234,"orderListId":-1,"price":"4.00000200","qty":"12.00000000","quoteQty":"48.000012","commission":"10.10000000","commissionAsset":"BNB","time":1499865549591,"isBuyer":true,"isMaker":false,"isBestMatch":true},
             {"symbol":"BNBBTC","id":28457,"orderId":100234,"orderListId":-1,"price":"4.00000100","qty":"12.00000000","quoteQty":"48.000012","commission":"10.10000000","commissionAsset":"BNB","time":1499865549590,"isBuyer":true,"isMaker":false,"isBestMatch":true}]
            """;
        var read = OrderEventReader.ReadTrades(trades);
        Assert.That(read.Select(t => (t.Id, t.Price, t.Quantity)), Is.EqualTo(new[] { (28457L, 4.000001m, 12m), (28458L, 4.000002m, 12m) }));
        Assert.That(OrderEventReader.ReadTrades("""{"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}"""), Is.Empty);
    }
}
