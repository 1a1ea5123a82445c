using LowLatency.Binance;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>Binance's name for an instrument the config names no venue symbol for: the same rule for the feed, the venue, the backfill command and the bridge's job.</summary>
[TestFixture]
public sealed class BinanceSymbolTests
{
    [TestCase("BNBUSDT", new[] { "BNB-USD", "BNB/USDT", "BNB" }, "BNBUSDT")]
    [TestCase("BTC-USD", new[] { "BTCUSDT", "BTC/USDT", "BTCUSD", "BTC" }, "BTCUSDT")]
    [TestCase("eth-usdt", new string[0], "ETHUSDT")]
    [TestCase("btcusdt", new[] { "BTC" }, "BTCUSDT")]
    public void The_symbol_when_Binance_writes_it_so_else_the_first_alias_that_is_else_its_letters(string symbol, string[] aliases, string expected) =>
        Assert.That(BinanceSymbol.Of(symbol, aliases), Is.EqualTo(expected));
}
