using LowLatency.Binance;
using LowLatency.BinanceEmulator;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>exchangeInfo filters as Binance documents them ("Filters": the example filter objects are the fixture's data).</summary>
public sealed class SymbolFiltersTests
{
    private const string ExchangeInfo = """
        {"timezone":"UTC","serverTime":1565246363776,"rateLimits":[],"exchangeFilters":[],"symbols":[
         {"symbol":"ETHBTC","status":"TRADING","baseAsset":"ETH","quoteAsset":"BTC","filters":[
          {"filterType":"PRICE_FILTER","minPrice":"0.00000100","maxPrice":"100000.00000000","tickSize":"0.00000100"},
          {"filterType":"LOT_SIZE","minQty":"0.00100000","maxQty":"100000.00000000","stepSize":"0.00100000"},
          {"filterType":"NOTIONAL","minNotional":"10.00000000","applyMinToMarket":false,"maxNotional":"10000.00000000","applyMaxToMarket":false,"avgPriceMins":5},
          {"filterType":"PERCENT_PRICE","multiplierUp":"1.3000","multiplierDown":"0.7000","avgPriceMins":5},
          {"filterType":"ICEBERG_PARTS","limit":10}]},
         {"symbol":"BNBUSDT","filters":[
          {"filterType":"PERCENT_PRICE_BY_SIDE","bidMultiplierUp":"1.2","bidMultiplierDown":"0.2","askMultiplierUp":"5","askMultiplierDown":"0.8","avgPriceMins":1},
          {"filterType":"MIN_NOTIONAL","minNotional":"0.00100000","applyToMarket":true,"avgPriceMins":5}]},
         {"symbol":"BTCUSDT","filters":[{"filterType":"MIN_NOTIONAL","notional":"5.0"}]}]}
        """;

    private static readonly IReadOnlyDictionary<string, SymbolFilters> Symbols = ExchangeInfoReader.Read(ExchangeInfo);

    [Test]
    public void The_documented_filters_are_read_exactly()
    {
        var eth = Symbols["ETHBTC"];
        Assert.That((eth.TickSize, eth.StepSize, eth.MinNotional, eth.MaxNotional, eth.MultiplierUp), Is.EqualTo((0.000001m, 0.001m, 10m, 10_000m, 1.3m)));
        Assert.That(Symbols["BNBUSDT"].AskMultipliers, Is.EqualTo((5m, 0.8m)));
        Assert.That(Symbols["BTCUSDT"].MinNotional, Is.EqualTo(5m), "futures name it \"notional\"");
    }

    [TestCase(0.0500005, 300, "not a multiple of the tick")]
    [TestCase(0.05, 300.0005, "not a multiple of the step")]
    [TestCase(0.05, 0.0005, "LOT_SIZE")]
    [TestCase(0.05, 100, "NOTIONAL")]
    [TestCase(0.05, 300_000, "LOT_SIZE")]
    [TestCase(0.07, 1000, "PERCENT_PRICE")]
    [TestCase(0.05, 0, "positive")]
    public void An_order_the_exchange_would_reject_is_refused_naming_the_rule(double price, double quantity, string rule)
    {
        Assert.That(Symbols["ETHBTC"].Check(buy: true, (decimal)price, (decimal)quantity, averagePrice: 0.05m), Does.Contain(rule));
    }

    [Test]
    public void An_order_within_every_filter_passes()
    {
        Assert.That(Symbols["ETHBTC"].Check(buy: false, 0.050001m, 300m, averagePrice: 0.05m), Is.Null);
        Assert.That(Symbols["ETHBTC"].Check(buy: false, 0.064m, 300m, averagePrice: null), Is.Null, "without an average the percent filters wait");
    }

    [Test]
    public void The_by_side_multipliers_depend_on_the_side()
    {
        var bnb = Symbols["BNBUSDT"];
        Assert.That(bnb.Check(buy: true, 130m, 1m, averagePrice: 100m), Does.Contain("PERCENT_PRICE_BY_SIDE: bid"));
        Assert.That(bnb.Check(buy: false, 130m, 1m, averagePrice: 100m), Is.Null);
        Assert.That(bnb.Check(buy: false, 70m, 1m, averagePrice: 100m), Does.Contain("ask"));
    }

    [TestCase("not json", "not JSON")]
    [TestCase("""{"symbols":{}}""", "no \"symbols\" array")]
    [TestCase("""{"symbols":[{"filters":[]}]}""", "no name")]
    [TestCase("""{"symbols":[{"symbol":"X","filters":[{"filterType":"LOT_SIZE","minQty":0.1}]}]}""", "not a non-negative decimal string")]
    public void A_malformed_exchange_info_is_refused_with_the_reason(string json, string reason)
    {
        Assert.That(() => ExchangeInfoReader.Read(json), Throws.TypeOf<FormatException>().With.Message.Contains(reason));
    }
}
