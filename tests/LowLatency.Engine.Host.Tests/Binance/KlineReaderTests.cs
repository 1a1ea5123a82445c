using LowLatency.Binance;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>Klines from Binance's documented REST answer ("Kline/Candlestick data") and stream event ("Kline/Candlestick Streams"), and malformed ones refused with a reason.</summary>
[TestFixture]
public sealed class KlineReaderTests
{
    private const string RestAnswer = """
        [[1499040000000,"0.01634790","0.80000000","0.01575800","0.01577100","148976.11427815",1499644799999,"2434.19055334",308,"1756.87402397","28.46694368","0"]]
        """;

    private const string StreamEvent = """
        {"e":"kline","E":1672515782136,"s":"BNBBTC","k":{"t":1672515780000,"T":1672515839999,"s":"BNBBTC","i":"1m","f":100,"L":200,"o":"0.0010","c":"0.0020","h":"0.0025","l":"0.0015","v":"1000","n":100,"x":false,"q":"1.0000","V":"500","Q":"0.500","B":"123456"}}
        """;

    [Test]
    public void The_documented_REST_answer_reads_exactly_and_is_closed_once_its_close_time_passed()
    {
        var klines = KlineReader.ReadRest(RestAnswer, nowMs: 1499644800000, out var why);
        Assert.That(why, Is.Null);
        Assert.That(klines, Is.EqualTo(new[] { new BinanceKline(1499040000000, 1499644799999, 0.0163479m, 0.8m, 0.015758m, 0.015771m, 148976.11427815m, Closed: true) }));
        Assert.That(KlineReader.ReadRest(RestAnswer, nowMs: 1499644799999, out _)![0].Closed, Is.False, "still forming: its close time has not passed");
    }

    [Test]
    public void The_documented_stream_event_reads_bare_and_inside_a_combined_stream()
    {
        foreach (var json in new[] { StreamEvent, $$"""{"stream":"bnbbtc@kline_1m","data":{{StreamEvent}}}""" })
        {
            Assert.That(KlineReader.TryReadEvent(System.Text.Encoding.UTF8.GetBytes(json), out var symbol, out var kline, out var why), Is.True, why);
            Assert.That((symbol, kline), Is.EqualTo(("BNBBTC", new BinanceKline(1672515780000, 1672515839999, 0.001m, 0.0025m, 0.0015m, 0.002m, 1000m, Closed: false))));
        }
    }

    [TestCase("{}", "not a list")]
    [TestCase("[[1499040000000,\"1\"]]", "at least 7")]
    [TestCase("[[1499040000000,\"x\",\"1\",\"1\",\"1\",\"1\",1499644799999]]", "unreadable")]
    [TestCase("[[1499040000000,1.5,\"1\",\"1\",\"1\",\"1\",1499644799999]]", "unreadable")]
    [TestCase("[", "unreadable")]
    public void A_malformed_REST_answer_is_refused_with_the_reason(string json, string reason)
    {
        Assert.That(KlineReader.ReadRest(json, 0, out var why), Is.Null);
        Assert.That(why, Does.Contain(reason));
    }

    [TestCase("""{"e":"trade"}""", "not a kline")]
    [TestCase("""{"e":"kline","k":{"s":"BNBBTC"}}""", "unreadable")]
    [TestCase("nonsense", "unreadable")]
    public void A_malformed_stream_event_is_refused_with_the_reason(string json, string reason)
    {
        Assert.That(KlineReader.TryReadEvent(System.Text.Encoding.UTF8.GetBytes(json), out _, out _, out var why), Is.False);
        Assert.That(why, Does.Contain(reason));
    }
}
