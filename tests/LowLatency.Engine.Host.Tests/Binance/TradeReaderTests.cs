using LowLatency.Binance;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>
/// The trade readers against Binance's documented payloads ("Trade Streams", "Aggregate Trade Streams", futures'
/// "Aggregate Trade Streams") and the combined-stream envelope: exact decimals, refusals of what is not whole, and
/// nothing allocated per message.
/// </summary>
public sealed class TradeReaderTests
{
    private const string SpotTrade = """{"stream":"bnbbtc@trade","data":{"e":"trade","E":1672515782136,"s":"BNBBTC","t":12345,"p":"0.001","q":"100","T":1672515782136,"m":true,"M":true}}""";
    private const string SpotAggTrade = """{"e":"aggTrade","E":1672515782136,"s":"BNBBTC","a":12345,"p":"0.001","q":"100","f":100,"l":105,"T":1672515782136,"m":true,"M":true}""";
    private const string FuturesAggTrade = """{"e":"aggTrade","E":123456789,"s":"BTCUSDT","a":5933014,"p":"0.001","q":"100","f":100,"l":105,"T":123456785,"m":true}""";

    [TestCase(SpotTrade, 12345L, 1672515782136L)]
    [TestCase(SpotAggTrade, 12345L, 1672515782136L)]
    [TestCase(FuturesAggTrade, 5933014L, 123456785L)]
    public void Documented_trades_read_exactly(string json, long id, long time)
    {
        Assert.That(TradeReader.TryRead(System.Text.Encoding.UTF8.GetBytes(json), out var tradeId, out var price, out var quantity, out var tradeTime), Is.True);
        Assert.That((tradeId, price, quantity, tradeTime), Is.EqualTo((id, 0.001m, 100m, time)));
    }

    [TestCase("""{"e":"trade","p":"0.001","q":"100","T":1}""")] // no id
    [TestCase("""{"e":"kline","t":1,"p":"0.001","q":"100","T":1}""")]
    [TestCase("""{"e":"trade","t":1,"p":"-1","q":"100","T":1}""")]
    [TestCase("""{"e":"trade","t":1,"p":"0.001","q":"1e","T":1}""")]
    [TestCase("""{"e":"trade","t":1,"p":"0.001","q":"100","T":1""")]
    [TestCase("[1,2]")]
    public void What_is_not_a_whole_trade_is_refused(string json) =>
        Assert.That(TradeReader.TryRead(System.Text.Encoding.UTF8.GetBytes(json), out _, out _, out _, out _), Is.False);

    [TestCase("""{"stream":"btcusdt@bookTicker","data":{}}""", BinanceStreamKind.BookTicker, "btcusdt")]
    [TestCase("""{"stream":"btcusdt@aggTrade","data":{}}""", BinanceStreamKind.Trade, "btcusdt")]
    [TestCase("""{"stream":"ethusdt@depth@100ms","data":{}}""", BinanceStreamKind.Depth, "ethusdt")]
    [TestCase("""{"stream":"bnbusdt@kline_1m","data":{}}""", BinanceStreamKind.Kline, "bnbusdt")]
    [TestCase("""{"stream":"bnbusdt@forceOrder","data":{}}""", BinanceStreamKind.Unknown, "bnbusdt")]
    [TestCase("""{"data":{},"stream":"btcusdt@trade"}""", BinanceStreamKind.Unknown, "")]
    [TestCase("""{"stream":"btcusdt@markPrice@1s","data":{}}""", BinanceStreamKind.MarkPrice, "btcusdt")]
    [TestCase("""{"stream":"nosymbol","data":{}}""", BinanceStreamKind.Unknown, "")]
    public void The_envelope_names_the_stream_and_its_symbol(string json, BinanceStreamKind kind, string symbol)
    {
        Assert.That(CombinedStreamReader.Read(System.Text.Encoding.UTF8.GetBytes(json), out var read), Is.EqualTo(kind));
        Assert.That(System.Text.Encoding.ASCII.GetString(read), Is.EqualTo(symbol));
    }

    [Test]
    public void Reading_allocates_nothing()
    {
        var json = System.Text.Encoding.UTF8.GetBytes(SpotTrade);
        var mark = """{"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT","p":"11794.15000000","i":"11784.62659091","P":"11784.25641265","r":"0.00038167","T":1562306400000}}"""u8.ToArray();
        for (var pass = 0; pass < 2; pass++)
        {
            // The first pass lets the runtime tier the loop up (its compilation allocates on this thread); the second is measured.
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10_000; i++)
            {
                CombinedStreamReader.Read(json, out _);
                TradeReader.TryRead(json, out _, out _, out _, out _);
                MarkPriceReader.TryRead(mark, out _, out _, out _, out _, out _);
            }

            if (pass == 1)
            {
                Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
            }
        }
    }
}
