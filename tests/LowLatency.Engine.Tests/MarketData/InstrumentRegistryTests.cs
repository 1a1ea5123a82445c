using LowLatency.Engine.Configuration;
using LowLatency.Engine.MarketData;

namespace LowLatency.Engine.Tests.MarketData;

[TestFixture]
public sealed class InstrumentRegistryTests
{
    private static readonly string ShippedFile = Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../../config/instruments.json");

    [TestCase("BTC-USD", "BTC-USD")]
    [TestCase("BTCUSDT", "BTC-USD")]
    [TestCase("BTC/USDT", "BTC-USD")]
    [TestCase("btc-usd", "BTC-USD")]
    [TestCase(" ETHUSDT ", "ETH-USD")]
    [TestCase("ETH-USD", "ETH-USD")]
    [TestCase("BNBUSDT", "BNBUSDT")]
    [TestCase("EURUSD", "EURUSD")]
    [TestCase("GBPUSD", "GBPUSD")]
    [TestCase("USDJPY", "USDJPY")]
    [TestCase("XAUUSD", "XAUUSD")]
    [TestCase("US500", "US500")]
    [TestCase("BTC", "BTC-USD")] // the Options page's bare base assets
    [TestCase("eth", "ETH-USD")]
    [TestCase("BNB", "BNBUSDT")]
    [TestCase("XAU", "XAUUSD")]
    [TestCase("GOLD", "XAUUSD")]
    public void Every_frontend_symbol_resolves_through_the_shipped_file(string symbol, string canonical)
    {
        var registry = InstrumentRegistry.Load(ShippedFile);
        Assert.That(registry.TryResolve(symbol, out var instrument), Is.True);
        Assert.That(instrument!.Symbol, Is.EqualTo(canonical));
        Assert.That(registry[instrument.Id], Is.SameAs(instrument), "ids index the registry");
    }

    [TestCase("DOGEUSDT")]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    public void Unknown_symbols_do_not_resolve(string? symbol)
    {
        var registry = InstrumentRegistry.Load(ShippedFile);
        Assert.That(registry.TryResolve(symbol, out _), Is.False);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = registry[registry.Count]);
    }

    [Test]
    public void Ids_are_dense_and_asset_classes_are_set()
    {
        var registry = InstrumentRegistry.Load(ShippedFile);
        Assert.That(registry.All.Select(i => i.Id), Is.EqualTo(Enumerable.Range(0, registry.Count)));
        Assert.That(registry.All.Select(i => i.AssetClass).Distinct(), Is.EquivalentTo(Enum.GetValues<AssetClass>()));
    }

    [Test]
    public void Prices_and_quantities_convert_to_whole_ticks_and_lots_or_are_refused()
    {
        var registry = InstrumentRegistry.Load(ShippedFile);
        Assert.That(registry.TryResolve("EURUSD", out var eurusd), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(eurusd!.TryToTicks(1.08513m, out var ticks), Is.True);
            Assert.That(ticks, Is.EqualTo(108_513));
            Assert.That(eurusd.TicksToPrice(ticks), Is.EqualTo(1.08513m));
            Assert.That(eurusd.TryToTicks(1.085135m, out _), Is.False, "finer than a tick");
            Assert.That(eurusd.TryToTicks(0m, out _), Is.False);
            Assert.That(eurusd.TryToTicks(-1m, out _), Is.False);
            Assert.That(eurusd.TryToLots(2500m, out _), Is.False, "not a whole number of 1000-unit lots");
            Assert.That(eurusd.TryToLots(3000m, out var lots), Is.True);
            Assert.That(lots, Is.EqualTo(3));
            Assert.That(eurusd.TryRoundToTicks(1.0851349, out var rounded), Is.True);
            Assert.That(rounded, Is.EqualTo(108_513));
            Assert.That(eurusd.TryRoundToTicks(double.NaN, out _), Is.False);
            Assert.That(eurusd.TryRoundToTicks(double.PositiveInfinity, out _), Is.False);
            Assert.That(eurusd.TryRoundToTicks(-1.0, out _), Is.False);
        });
    }

    [TestCase("""{"instruments":[]}""", "instruments", "at least one")]
    [TestCase("""{"instruments":[{"aliases":[]}]}""", "instruments[0].symbol", "missing")]
    [TestCase("""{"instruments":[{"symbol":"A","assetClass":"crypto","tickSize":0,"lotSize":1,"quoteCurrency":"USD","referencePrice":1,"annualVolatility":0.5}]}""", "instruments[0].tickSize", "positive")]
    [TestCase("""{"instruments":[{"symbol":"A","assetClass":"crypto","tickSize":0.5,"lotSize":1,"quoteCurrency":"USD","referencePrice":1.25,"annualVolatility":0.5}]}""", "instruments[0].referencePrice", "whole number of ticks")]
    [TestCase("""{"instruments":[{"symbol":"A","assetClass":"crypto","tickSize":0.5,"lotSize":1,"quoteCurrency":"USD","referencePrice":1,"annualVolatility":-1}]}""", "instruments[0].annualVolatility", "volatility")]
    [TestCase("""{"instruments":[{"symbol":"A","assetClass":"bonds"}]}""", "$.instruments[0].assetClass", "")]
    [TestCase("""{"instruments":[{"symbol":"A","tickSise":1}]}""", "$.instruments[0].tickSise", "")]
    [TestCase("""{"instruments":[{"symbol":"A","assetClass":"crypto","tickSize":1,"lotSize":1,"quoteCurrency":"USD","referencePrice":1,"annualVolatility":0.5},{"symbol":"B","aliases":["a"],"assetClass":"crypto","tickSize":1,"lotSize":1,"quoteCurrency":"USD","referencePrice":1,"annualVolatility":0.5}]}""", "instruments[1].aliases[0]", "already used by A")]
    [TestCase("""{"instruments":""", "$", "")]
    public void A_bad_file_names_the_file_the_field_and_why(string json, string field, string why)
    {
        var error = Assert.Throws<ConfigException>(() => InstrumentRegistry.Parse(json, "instruments.json"));
        Assert.That(error!.Field, Does.StartWith(field));
        Assert.That(error.Message, Does.StartWith("instruments.json: ").And.Contain(why));
    }
}
