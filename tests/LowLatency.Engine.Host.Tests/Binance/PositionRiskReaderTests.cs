using LowLatency.Binance;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>
/// <c>GET /fapi/v2/positionRisk</c> read as Binance documents it (the row below is its published example for
/// one-way mode), hedge mode's legs left out, and an answer that is not a list of positions read as none.
/// </summary>
[TestFixture]
public sealed class PositionRiskReaderTests
{
    private const string Documented = """{"entryPrice":"0.00000","breakEvenPrice":"0.0","marginType":"isolated","isAutoAddMargin":"false","isolatedMargin":"0.00000000","leverage":"10","liquidationPrice":"0","markPrice":"6679.50671178","maxNotionalValue":"20000000","positionAmt":"0.000","notional":"0","isolatedWallet":"0","symbol":"BTCUSDT","unRealizedProfit":"0.00000000","positionSide":"BOTH","updateTime":0}""";

    [Test]
    public void The_documented_row_is_read_with_its_decimals_exact()
    {
        var short_ = Documented.Replace("\"BTCUSDT\"", "\"ETHUSDT\"", StringComparison.Ordinal).Replace("\"0.000\"", "\"-1.250\"", StringComparison.Ordinal);
        var read = PositionRiskReader.Read($"[{Documented},{short_}]")!;
        Assert.Multiple(() =>
        {
            Assert.That(read["BTCUSDT"], Is.EqualTo(new BinancePosition("BTCUSDT", 0m, 0m, 6679.50671178m, 0m, "10", "isolated")));
            Assert.That(read["ETHUSDT"].Amount, Is.EqualTo(-1.25m), "a short is negative");
        });
    }

    [Test]
    public void Hedge_mode_legs_are_left_out()
    {
        var longLeg = Documented.Replace("\"BOTH\"", "\"LONG\"", StringComparison.Ordinal);
        Assert.That(PositionRiskReader.Read($"[{longLeg}]"), Is.Empty);
    }

    [TestCase("""{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}""")]
    [TestCase("""[{"symbol":"BTCUSDT"}]""")]
    [TestCase("""[{"symbol":"BTCUSDT","positionAmt":1}]""")]
    [TestCase("[{")]
    public void An_answer_that_is_not_a_list_of_positions_is_none(string json) => Assert.That(PositionRiskReader.Read(json), Is.Null);
}
