using LowLatency.Engine.Configuration;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.Host.Feeds;
using LowLatency.Engine.MarketData;

namespace LowLatency.Engine.Host.Tests;

/// <summary>
/// Which feed prices which instrument, and the guard: an instrument trading on a real venue on simulated or
/// replayed prices is refused at start, naming the instrument and both settings, unless the configuration says
/// <c>allowSimulatedPrices</c>.
/// </summary>
public sealed class FeedPlanTests
{
    private static readonly InstrumentRegistry Registry = InstrumentRegistry.Load(Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../..", "config", "instruments.json")));

    private static EngineConfig OnFix(params FeedConfig[] feeds) => new()
    {
        Feeds = feeds,
        Venues = new VenuesConfig
        {
            Fix = new Dictionary<string, FixSessionConfig> { ["broker"] = new() { Port = 9876, SenderCompId = "A", TargetCompId = "B" } },
            Instruments = new Dictionary<string, InstrumentVenueConfig> { ["XAUUSD"] = new() { Venue = "broker" } },
        },
    };

    [Test]
    public void The_default_simulator_prices_every_instrument_and_says_so()
    {
        var plan = FeedPlan.Build(new EngineConfig(), Registry);
        Assert.That(plan.SourceByInstrument, Is.All.EqualTo(PriceSources.Simulator));
        Assert.That(plan.Simulated, Is.True);
        Assert.That(plan.Feeds.Single().InstrumentIds, Has.Length.EqualTo(Registry.Count));
    }

    [Test]
    public void A_simulator_without_symbols_takes_the_instruments_no_other_feed_names()
    {
        var plan = FeedPlan.Build(new EngineConfig { Feeds = [new FeedConfig { Name = "sim" }, new FeedConfig { Name = "gold", Type = "csv", Path = "x.csv", Symbol = "XAU/USD" }] }, Registry);
        var gold = Registry.TryResolve("XAUUSD", out var g) ? g.Id : -1;
        Assert.That(plan.SourceByInstrument[gold], Is.EqualTo(PriceSources.Csv));
        Assert.That(plan.Feeds[1].InstrumentIds, Is.EqualTo(new[] { gold }));
        Assert.That(plan.Feeds[0].InstrumentIds, Has.Length.EqualTo(Registry.Count - 1).And.No.Member(gold));
    }

    [Test]
    public void A_real_venue_on_simulated_prices_is_refused_naming_the_instrument_and_both_settings()
    {
        var e = Assert.Throws<ConfigException>(() => FeedPlan.Build(OnFix(new FeedConfig { Name = "sim" }), Registry))!;
        Assert.That(e.Message, Does.Contain("XAUUSD").And.Contain("venues.instruments.XAUUSD.venue").And.Contain("feeds[0]").And.Contain("simulator").And.Contain("allowSimulatedPrices"));
        Assert.That(() => FeedPlan.Build(OnFix(new FeedConfig { Type = "csv", Path = "gold.csv", Symbol = "XAUUSD" }), Registry),
            Throws.TypeOf<ConfigException>().With.Message.Contain("(csv)").And.Message.Contain("venues.instruments.XAUUSD.venue"), "a replay is no market either");
        Assert.That(() => FeedPlan.Build(OnFix(new FeedConfig { Symbols = ["BTC-USD"] }), Registry),
            Throws.TypeOf<ConfigException>().With.Message.Contain("no feed prices it"));
    }

    [Test]
    public void A_binance_feed_prices_what_it_names_as_a_real_market()
    {
        var plan = FeedPlan.Build(new EngineConfig { Feeds = [new FeedConfig { Name = "sim" }, new FeedConfig { Name = "bn", Type = "binance", Symbols = ["BTCUSDT"] }] }, Registry);
        var btc = Registry.TryResolve("BTCUSDT", out var b) ? b.Id : -1;
        Assert.That(plan.SourceByInstrument[btc], Is.EqualTo(PriceSources.Binance));
        Assert.That(plan.Feeds[1].InstrumentIds, Is.EqualTo(new[] { btc }));
        Assert.That(PriceSources.IsMadeUp(PriceSources.Binance), Is.False);
    }

    [Test]
    public void AllowSimulatedPrices_lets_a_demo_run()
    {
        var plan = FeedPlan.Build(OnFix(new FeedConfig()) with { AllowSimulatedPrices = true }, Registry);
        Assert.That(plan.Simulated, Is.True);
    }

    [Test]
    public void An_instrument_takes_its_prices_from_one_feed()
    {
        Assert.That(() => FeedPlan.Build(new EngineConfig { Feeds = [new FeedConfig { Name = "a", Symbols = ["BTC-USD"] }, new FeedConfig { Name = "b", Symbols = ["BTCUSDT"] }] }, Registry),
            Throws.TypeOf<ConfigException>().With.Message.Contain("feeds[1].symbols[0]").And.Message.Contain("priced by feeds[0]"));
        Assert.That(() => FeedPlan.Build(new EngineConfig { Feeds = [new FeedConfig { Name = "a" }, new FeedConfig { Name = "b" }] }, Registry),
            Throws.TypeOf<ConfigException>().With.Message.Contain("already simulates every instrument"));
        Assert.That(() => FeedPlan.Build(new EngineConfig { Feeds = [new FeedConfig { Symbols = ["DOGE"] }] }, Registry),
            Throws.TypeOf<ConfigException>().With.Message.Contain("unknown symbol 'DOGE'"));
    }

    [Test]
    public void The_loader_refuses_two_feeds_of_one_name_and_a_negative_stale_limit()
    {
        const string Threads = "\"threads\":[{\"name\":\"a\",\"stages\":[\"ingest\",\"indicators\",\"signals\",\"risk\",\"routing\"]}]";
        Assert.That(() => EngineConfigLoader.Parse("{" + Threads + ",\"feeds\":[{\"type\":\"simulator\",\"symbols\":[\"BTC-USD\"]},{\"type\":\"simulator\",\"symbols\":[\"ETH-USD\"]}]}", "engine.json"),
            Throws.TypeOf<ConfigException>().With.Message.Contain("two feeds are named 'simulator'"));
        Assert.That(() => EngineConfigLoader.Parse("{" + Threads + ",\"feeds\":[{\"type\":\"csv\",\"symbol\":\"BTC-USD\"}]}", "engine.json"),
            Throws.TypeOf<ConfigException>().With.Message.Contain("feeds[0].path"));
        Assert.That(() => EngineConfigLoader.Parse("{" + Threads + ",\"risk\":{\"staleAfterMs\":-1}}", "engine.json"),
            Throws.TypeOf<ConfigException>().With.Message.Contain("risk.staleAfterMs"));
    }
}
