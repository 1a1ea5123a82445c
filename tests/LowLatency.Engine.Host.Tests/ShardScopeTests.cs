using LowLatency.Engine.Configuration;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.Host.Feeds;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Risk;
using LowLatency.Engine.Strategies;

namespace LowLatency.Engine.Host.Tests;

/// <summary>
/// A cluster shard touches its own instruments only: its simulator prices them alone, a feed naming another's is
/// refused, its risk limits trade them alone, a strategy on another shard's instrument stops it at start.
/// </summary>
public sealed class ShardScopeTests
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../.."));
    private static readonly InstrumentRegistry Registry = InstrumentRegistry.Load(Path.Combine(Root, "config", "instruments.json"));

    private static EngineConfig Shard(string shard, RiskLimits? risk = null, params FeedConfig[] feeds) => new()
    {
        Feeds = feeds,
        Risk = risk ?? new RiskLimits(),
        Cluster = new ClusterConfig
        {
            Shard = shard,
            Shards = new Dictionary<string, IReadOnlyList<string>> { ["s1"] = ["BTC-USD", "ETH-USD"], ["s2"] = ["EURUSD", "XAUUSD"], ["s3"] = [] },
        },
    };

    private static int Id(string symbol) => Registry.TryResolve(symbol, out var i) ? i.Id : throw new ArgumentException(symbol);

    [Test]
    public void The_simulator_prices_the_shards_own_instruments_alone()
    {
        var config = Shard("s1");
        var plan = FeedPlan.Build(config, Registry, ShardScope.Map(config, Registry));
        Assert.That(plan.Feeds.Single().InstrumentIds, Is.EquivalentTo(new[] { Id("BTC-USD"), Id("ETH-USD") }));
        Assert.That(plan.SourceByInstrument[Id("EURUSD")], Is.Null, "another shard's instrument has no feed here");
    }

    [Test]
    public void A_feed_naming_another_shards_instrument_is_refused()
    {
        var config = Shard("s1", null, new FeedConfig { Symbols = ["BTC-USD", "XAUUSD"] });
        var e = Assert.Throws<ConfigException>(() => FeedPlan.Build(config, Registry, ShardScope.Map(config, Registry)))!;
        Assert.That(e.Message, Does.Contain("feed").And.Contain("XAUUSD belongs to shard s2"));
    }

    [Test]
    public void The_risk_limits_trade_the_shards_instruments_within_what_risk_allows()
    {
        var own = Shard("s2");
        Assert.That(ShardScope.Budget(own, ShardScope.Map(own, Registry), Registry).Risk.TradableSymbols, Is.EquivalentTo(new[] { "EURUSD", "XAUUSD" }));
        var narrower = Shard("s2", new RiskLimits { TradableSymbols = ["XAU"] });
        Assert.That(ShardScope.Budget(narrower, ShardScope.Map(narrower, Registry), Registry).Risk.TradableSymbols, Is.EqualTo(new[] { "XAUUSD" }));
        var none = Shard("s3");
        Assert.That(() => ShardScope.Budget(none, ShardScope.Map(none, Registry), Registry), Throws.TypeOf<ConfigException>().With.Message.Contains("shard s3 is left no instrument"));
        var single = new EngineConfig();
        Assert.That(ShardScope.Budget(single, ShardScope.Map(single, Registry), Registry).Risk.TradableSymbols, Is.Empty, "no map: every instrument");
    }

    [Test]
    public void A_shard_trades_its_share_of_the_account()
    {
        var config = Shard("s1", new RiskLimits { MaxOpenPositions = 5, MaxOrdersPerSecond = 50, MaxGrossExposure = 1_000_000m }) with
        {
            Account = new Portfolio.AccountOptions { InitialBalance = 100_000m },
        };
        config = config with { Cluster = config.Cluster with { RiskShare = 0.5 } };
        var (risk, account) = ShardScope.Budget(config, ShardScope.Map(config, Registry), Registry);
        Assert.Multiple(() =>
        {
            Assert.That(account.InitialBalance, Is.EqualTo(50_000m), "its slice of the capital: the loss percentages apply to it");
            Assert.That((risk.MaxOpenPositions, risk.MaxOrdersPerSecond, risk.MaxGrossExposure), Is.EqualTo((2, 25, 500_000m)), "counts rounded down: two shards hold 4 of 5 at most");
            Assert.That((risk.MaxDailyLossPercent, risk.MaxDrawdownPercent), Is.EqualTo((config.Risk.MaxDailyLossPercent, config.Risk.MaxDrawdownPercent)));
        });
        var thin = config with { Cluster = config.Cluster with { RiskShare = 0.1 } };
        Assert.That(() => ShardScope.Budget(thin, ShardScope.Map(thin, Registry), Registry), Throws.TypeOf<ConfigException>().With.Message.Contains("leaves this shard none of risk.maxOpenPositions 5"));
    }

    [Test]
    public void A_strategy_on_another_shards_instrument_stops_the_start()
    {
        var strategies = StrategyLoader.LoadDirectory(Path.Combine(Root, "config", "strategies"), Registry); // BTC, ETH and XAU
        var config = Shard("s1");
        var map = ShardScope.Map(config, Registry);
        Assert.That(() => ShardScope.CheckStrategies(strategies, map, "s1"),
            Throws.TypeOf<ConfigException>().With.Message.Contains("strategy 'ensemble-xau' trades XAUUSD, which belongs to shard s2, not to this shard s1"));
        Assert.That(() => ShardScope.CheckStrategies(strategies.Where(s => s.Instrument.Symbol != "XAUUSD"), map, "s1"), Throws.Nothing);
    }

    [TestCase("maxOrderQuantity", "risk.maxOrderQuantity")]
    [TestCase("tradableSymbols", "risk.tradableSymbols")]
    public void A_risk_limit_naming_an_unknown_symbol_is_refused(string limit, string field)
    {
        var risk = limit == "tradableSymbols" ? new RiskLimits { TradableSymbols = ["DOGE"] } : new RiskLimits { MaxOrderQuantity = new Dictionary<string, decimal> { ["DOGE"] = 1m } };
        Assert.That(() => ShardScope.Map(new EngineConfig { Risk = risk }, Registry), Throws.TypeOf<ConfigException>().With.Message.Contains(field).And.Message.Contains("unknown symbol 'DOGE'"));
    }

    [TestCase("s1", "BTC-USD")]
    [TestCase("s2", "XAUUSD")]
    public void The_cluster_commands_shard_files_load_and_split_the_account(string shard, string owned)
    {
        var config = EngineConfigLoader.Load(Path.Combine(Root, "config", "cluster", $"shard-{shard}.json"));
        var map = ShardScope.Map(config, Registry);
        var (risk, account) = ShardScope.Budget(config, map, Registry);
        var strategies = StrategyLoader.LoadDirectory(Path.Combine(Root, config.Strategies), Registry);
        Assert.Multiple(() =>
        {
            Assert.That(config.Cluster.Shard, Is.EqualTo(shard));
            Assert.That(map.Owner(Id(owned)), Is.EqualTo(shard));
            Assert.That(account.InitialBalance, Is.EqualTo(50_000m), "half the account each");
            Assert.That(risk.TradableSymbols, Does.Contain(owned));
            Assert.That(() => ShardScope.CheckStrategies(strategies, map, shard), Throws.Nothing, "its strategies trade its own instruments");
            Assert.That(strategies, Is.Not.Empty);
        });
    }
}
