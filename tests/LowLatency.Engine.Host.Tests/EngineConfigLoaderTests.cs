using LowLatency.Engine.Configuration;
using LowLatency.Engine.Host.Configuration;

namespace LowLatency.Engine.Host.Tests;

[TestFixture]
public sealed class EngineConfigLoaderTests
{
    private static string RepositoryConfig => Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../../config/engine.json");

    [Test]
    public void The_shipped_config_file_loads_and_suits_two_cores()
    {
        var config = EngineConfigLoader.Load(RepositoryConfig);
        Assert.That(config.Threads.SelectMany(t => t.Stages), Is.EqualTo(new[] { "ingest", "indicators", "signals", "risk", "routing" }));
        var spinning = config.Threads.Count(t => (t.WaitStrategy ?? config.Ring.WaitStrategy) is "busy-spin" or "yielding");
        Assert.That(spinning, Is.LessThanOrEqualTo(1), "the feed needs a core too: at most one spinning consumer on two cores");
        Assert.That((config.AutoStart, config.Feed.Type, config.Journal.Fsync), Is.EqualTo((true, "simulator", LowLatency.Engine.Journal.FsyncPolicy.EveryBatch)));
    }

    [TestCase("""{"ring":{"size":1000}}""", "ring.size", "power of two")]
    [TestCase("""{"ring":{"producer":"many"}}""", "ring.producer", "'many'")]
    [TestCase("""{"ring":{"waitStrategy":"spinny"}}""", "ring.waitStrategy", "spinny")]
    [TestCase("""{"ring":{"producer":"single"}}""", "ring.producer", "two producers")]
    [TestCase("""{"threads":[]}""", "threads", "at least one thread")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","metrics"]}]}""", "threads[0].stages[1]", "unknown stage 'metrics'")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","signals","indicators","risk","routing"]}]}""", "threads[0].stages[1]", "out of place")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals"]}]}""", "threads", "'risk' is on no thread")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk"]},{"name":"b","stages":["routing"]}]}""", "threads[0].stages", "same thread")]
    [TestCase("""{"threads":[{"name":"a","stages":[]}]}""", "threads[0].stages", "at least one stage")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"],"cpu":-1}]}""", "threads[0].cpu", "negative")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"],"maxBatchSize":0}]}""", "threads[0].maxBatchSize", "below 1")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"],"waitStrategy":"nap"}]}""", "threads[0].waitStrategy", "nap")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"feed":{"ticksPerSecond":-5}}""", "feed.ticksPerSecond", "positive")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"feed":{"type":"kafka"}}""", "feed.type", "'kafka'")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"feed":{"type":"csv","symbol":"BTC-USD"}}""", "feed.path", "file to replay")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"feed":{"type":"binance"}}""", "feed.symbols", "list them")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"feed":{"type":"binance","symbols":["BTCUSDT"],"market":"options"}}""", "feed.market", "'options'")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"feed":{"type":"binance","symbols":["BTCUSDT"],"url":"https://stream.binance.com"}}""", "feed.url", "not a ws://")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"feed":{"type":"binance","symbols":["BTCUSDT"],"restUrl":"ws://x"}}""", "feed.restUrl", "not a http://")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"feed":{"type":"binance","symbols":["BTCUSDT"],"depth":0}}""", "feed.depth", "1–5,000")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"feed":{"type":"binance","symbols":["BTCUSDT"],"backfillMinutes":-1}}""", "feed.backfillMinutes", "0–525,600")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"statusIntervalSeconds":0}""", "statusIntervalSeconds", "positive")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"warmOrderPathMs":-1}""", "warmOrderPathMs", "negative")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"ipc":{"barHistoryMinutes":-1}}""", "ipc.barHistoryMinutes", "negative")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"risk":{"maxDailyLossPercent":-1}}""", "risk.maxDailyLossPercent", "positive")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"exchange":{"takerFeeBps":-1}}""", "exchange.takerFeeBps", "negative")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"risk":{"passivePriceBandPercent":0}}""", "risk.passivePriceBandPercent", "positive")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"risk":{"passivePriceBandPercent":100}}""", "risk.passivePriceBandPercent", "below 100")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"journal":{"fsync":"sometimes"}}""", "$.journal.fsync", "")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"fix":{"b":{"port":9878,"senderCompId":"A","targetCompId":"B","tls":true,"tlsCaFile":"/nonexistent/ca.pem"}}}}""", "venues.fix.b.tlsCaFile", "does not exist")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"fix":{"b":{"port":9878,"senderCompId":"A","targetCompId":"B","tlsCaFile":"/etc/hostname"}}}}""", "venues.fix.b.tlsCaFile", "needs tls")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"fix":{"b":{"port":9878,"senderCompId":"A","targetCompId":"B","cancelRetries":-1}}}}""", "venues.fix.b.cancelRetries", "0–100 retries")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"fix":{"b":{"port":9878,"senderCompId":"A","targetCompId":"B","cancelRetryDelayMs":600000}}}}""", "venues.fix.b.cancelRetryDelayMs", "60,000 ms")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"fix":{"b":{"port":9878,"senderCompId":"A","targetCompId":"B","senderSpinUs":-5}}}}""", "venues.fix.b.senderSpinUs", "0–100,000 µs")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"fix":{"b":{"port":9878,"senderCompId":"A","targetCompId":"B","staleOrderMs":-1}}}}""", "venues.fix.b.staleOrderMs", "0 resends every order")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"market":"futures"}}}}""", "venues.binance.bn.market", "not supported yet")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"market":"margin"}}}}""", "venues.binance.bn.market", "'margin'")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"restUrl":"ws://x"}}}}""", "venues.binance.bn.restUrl", "not a http://")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"wsUrl":"https://x"}}}}""", "venues.binance.bn.wsUrl", "not a ws://")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"recvWindowMs":70000}}}}""", "venues.binance.bn.recvWindowMs", "60,000")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"clOrdIdPrefix":"L-L"}}}}""", "venues.binance.bn.clOrdIdPrefix", "letters or digits")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"keepAliveMinutes":60}}}}""", "venues.binance.bn.keepAliveMinutes", "lapses after 60")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"reconcileTimeoutMs":5}}}}""", "venues.binance.bn.reconcileTimeoutMs", "100–600,000")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"cancelRetries":-1}}}}""", "venues.binance.bn.cancelRetries", "0–100")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"paper":{}}}}""", "venues.binance.paper", "paper exchange")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"instruments":{"BTC-USD":{"venue":"bn"}}}}""", "venues.instruments.BTC-USD.venue", "nor an account under venues.binance")]
    [TestCase("""{"ring":{"size":"big"}}""", "$.ring.size", "")]
    [TestCase("""{"ring":{"sise":64}}""", "$.ring.sise", "")]
    [TestCase("""{"ring":""", "$", "")]
    [TestCase("null", "$", "null")]
    public void A_bad_file_names_the_file_the_field_and_why(string json, string field, string why)
    {
        var error = Assert.Throws<ConfigException>(() => EngineConfigLoader.Parse(json, "engine.json"));
        Assert.That(error!.File, Is.EqualTo("engine.json"));
        Assert.That(error.Field, Does.StartWith(field));
        Assert.That(error.Message, Does.StartWith("engine.json: ").And.Contain(why));
    }

    [Test]
    public void A_missing_file_is_reported_not_thrown_raw()
    {
        var error = Assert.Throws<ConfigException>(() => EngineConfigLoader.Load("/nonexistent/engine.json"));
        Assert.That(error!.Message, Does.Contain("not found"));
    }

    [TestCase("500ms", 0.5)]
    [TestCase("30s", 30)]
    [TestCase("5m", 300)]
    [TestCase("1h", 3600)]
    [TestCase("12", 12)]
    public void Durations_parse(string text, double seconds)
    {
        Assert.That(DurationParser.TryParse(text, out var duration), Is.True);
        Assert.That(duration.TotalSeconds, Is.EqualTo(seconds).Within(1e-9));
    }

    [TestCase("")]
    [TestCase("-3s")]
    [TestCase("abc")]
    [TestCase("NaNs")]
    public void Bad_durations_are_refused(string text) => Assert.That(DurationParser.TryParse(text, out _), Is.False);
}
