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

    [TestCase("s1", "BTC-USD")]
    [TestCase("s2", "XAUUSD")]
    public void The_cluster_shards_configs_load_with_the_shared_database(string shard, string owned)
    {
        var config = EngineConfigLoader.Load(Path.Combine(Path.GetDirectoryName(RepositoryConfig)!, "cluster", $"shard-{shard}.json"));
        Assert.That((config.Cluster.Shard, config.Cluster.RiskShare), Is.EqualTo((shard, 0.5)));
        Assert.That(config.Cluster.Shards[shard], Does.Contain(owned));
        Assert.That(config.Cluster.Database, Does.Contain("Port=5433"), "./run.sh cluster's PostgreSQL, where the shard's bars go");
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
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"feed":{"type":"binance","symbols":["S0USDT","S1USDT","S2USDT","S3USDT","S4USDT","S5USDT","S6USDT","S7USDT","S8USDT","S9USDT","S10USDT","S11USDT","S12USDT","S13USDT","S14USDT","S15USDT","S16USDT","S17USDT","S18USDT","S19USDT","S20USDT","S21USDT","S22USDT","S23USDT","S24USDT","S25USDT","S26USDT","S27USDT","S28USDT","S29USDT","S30USDT","S31USDT","S32USDT","S33USDT","S34USDT","S35USDT","S36USDT","S37USDT","S38USDT","S39USDT","S40USDT","S41USDT","S42USDT","S43USDT","S44USDT","S45USDT","S46USDT","S47USDT","S48USDT","S49USDT","S50USDT","S51USDT","S52USDT","S53USDT","S54USDT","S55USDT","S56USDT","S57USDT","S58USDT","S59USDT","S60USDT","S61USDT","S62USDT","S63USDT","S64USDT","S65USDT","S66USDT","S67USDT","S68USDT","S69USDT","S70USDT","S71USDT","S72USDT","S73USDT","S74USDT","S75USDT","S76USDT","S77USDT","S78USDT","S79USDT","S80USDT","S81USDT","S82USDT","S83USDT","S84USDT","S85USDT","S86USDT","S87USDT","S88USDT","S89USDT","S90USDT","S91USDT","S92USDT","S93USDT","S94USDT","S95USDT","S96USDT","S97USDT","S98USDT","S99USDT","S100USDT","S101USDT","S102USDT","S103USDT","S104USDT","S105USDT","S106USDT","S107USDT","S108USDT","S109USDT","S110USDT","S111USDT","S112USDT","S113USDT","S114USDT","S115USDT","S116USDT","S117USDT","S118USDT","S119USDT","S120USDT","S121USDT","S122USDT","S123USDT","S124USDT","S125USDT","S126USDT","S127USDT","S128USDT","S129USDT","S130USDT","S131USDT","S132USDT","S133USDT","S134USDT","S135USDT","S136USDT","S137USDT","S138USDT","S139USDT","S140USDT","S141USDT","S142USDT","S143USDT","S144USDT","S145USDT","S146USDT","S147USDT","S148USDT","S149USDT","S150USDT","S151USDT","S152USDT","S153USDT","S154USDT","S155USDT","S156USDT","S157USDT","S158USDT","S159USDT","S160USDT","S161USDT","S162USDT","S163USDT","S164USDT","S165USDT","S166USDT","S167USDT","S168USDT","S169USDT","S170USDT","S171USDT","S172USDT","S173USDT","S174USDT","S175USDT","S176USDT","S177USDT","S178USDT","S179USDT","S180USDT","S181USDT","S182USDT","S183USDT","S184USDT","S185USDT","S186USDT","S187USDT","S188USDT","S189USDT","S190USDT","S191USDT","S192USDT","S193USDT","S194USDT","S195USDT","S196USDT","S197USDT","S198USDT","S199USDT","S200USDT","S201USDT","S202USDT","S203USDT","S204USDT","S205USDT","S206USDT","S207USDT","S208USDT","S209USDT","S210USDT","S211USDT","S212USDT","S213USDT","S214USDT","S215USDT","S216USDT","S217USDT","S218USDT","S219USDT","S220USDT","S221USDT","S222USDT","S223USDT","S224USDT","S225USDT","S226USDT","S227USDT","S228USDT","S229USDT","S230USDT","S231USDT","S232USDT","S233USDT","S234USDT","S235USDT","S236USDT","S237USDT","S238USDT","S239USDT","S240USDT","S241USDT","S242USDT","S243USDT","S244USDT","S245USDT","S246USDT","S247USDT","S248USDT","S249USDT","S250USDT","S251USDT","S252USDT","S253USDT","S254USDT","S255USDT","S256USDT","S257USDT","S258USDT","S259USDT","S260USDT","S261USDT","S262USDT","S263USDT","S264USDT","S265USDT","S266USDT","S267USDT","S268USDT","S269USDT","S270USDT","S271USDT","S272USDT","S273USDT","S274USDT","S275USDT","S276USDT","S277USDT","S278USDT","S279USDT","S280USDT","S281USDT","S282USDT","S283USDT","S284USDT","S285USDT","S286USDT","S287USDT","S288USDT","S289USDT","S290USDT","S291USDT","S292USDT","S293USDT","S294USDT","S295USDT","S296USDT","S297USDT","S298USDT","S299USDT","S300USDT","S301USDT","S302USDT","S303USDT","S304USDT","S305USDT","S306USDT","S307USDT","S308USDT","S309USDT","S310USDT","S311USDT","S312USDT","S313USDT","S314USDT","S315USDT","S316USDT","S317USDT","S318USDT","S319USDT","S320USDT","S321USDT","S322USDT","S323USDT","S324USDT","S325USDT","S326USDT","S327USDT","S328USDT","S329USDT","S330USDT","S331USDT","S332USDT","S333USDT","S334USDT","S335USDT","S336USDT","S337USDT","S338USDT","S339USDT","S340USDT","S341USDT"]}}""", "feed.symbols", "1026 streams")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"statusIntervalSeconds":0}""", "statusIntervalSeconds", "positive")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"warmOrderPathMs":-1}""", "warmOrderPathMs", "negative")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"ipc":{"barHistoryMinutes":-1}}""", "ipc.barHistoryMinutes", "negative")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"risk":{"maxDailyLossPercent":-1}}""", "risk.maxDailyLossPercent", "positive")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"exchange":{"takerFeeBps":-1}}""", "exchange.takerFeeBps", "negative")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"risk":{"passivePriceBandPercent":0}}""", "risk.passivePriceBandPercent", "positive")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"journal":{"segmentBytes":4096}}""", "journal.segmentBytes", "under 1 MiB")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"journal":{"segmentBytes":-1}}""", "journal.segmentBytes", "negative")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"journal":{"retention":"delete","snapshotEveryRecords":0}}""", "journal.retention", "only at shutdown")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"journal":{"retention":"shred"}}""", "$.journal.retention", "JournalRetention")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"cluster":{"shard":"a.b"}}""", "cluster.shard", "not a shard name")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"cluster":{"nats":"http://x:1"}}""", "cluster.nats", "nats://host:port")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"cluster":{"commandTimeoutMs":0}}""", "cluster.commandTimeoutMs", "positive")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"cluster":{"markIntervalMs":-1}}""", "cluster.markIntervalMs", "negative")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"cluster":{"riskShare":1.5}}""", "cluster.riskShare", "at most 1")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"risk":{"maxGrossExposure":-1}}""", "risk.maxGrossExposure", "negative")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"cluster":{"shard":"s1","shards":{"s 2":["BTC-USD"]}}}""", "cluster.shards.s 2", "not a shard name")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"cluster":{"shard":"s1","shards":{"s2":["BTC-USD"]}}}""", "cluster.shards", "this engine's shard 's1'")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"risk":{"passivePriceBandPercent":100}}""", "risk.passivePriceBandPercent", "below 100")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"journal":{"fsync":"sometimes"}}""", "$.journal.fsync", "")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"fix":{"b":{"port":9878,"senderCompId":"A","targetCompId":"B","tls":true,"tlsCaFile":"/nonexistent/ca.pem"}}}}""", "venues.fix.b.tlsCaFile", "does not exist")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"fix":{"b":{"port":9878,"senderCompId":"A","targetCompId":"B","tlsCaFile":"/etc/hostname"}}}}""", "venues.fix.b.tlsCaFile", "needs tls")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"fix":{"b":{"port":9878,"senderCompId":"A","targetCompId":"B","cancelRetries":-1}}}}""", "venues.fix.b.cancelRetries", "0–100 retries")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"fix":{"b":{"port":9878,"senderCompId":"A","targetCompId":"B","cancelRetryDelayMs":600000}}}}""", "venues.fix.b.cancelRetryDelayMs", "60,000 ms")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"fix":{"b":{"port":9878,"senderCompId":"A","targetCompId":"B","senderSpinUs":-5}}}}""", "venues.fix.b.senderSpinUs", "0–100,000 µs")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"fix":{"b":{"port":9878,"senderCompId":"A","targetCompId":"B","staleOrderMs":-1}}}}""", "venues.fix.b.staleOrderMs", "0 resends every order")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"market":"margin"}}}}""", "venues.binance.bn.market", "neither 'spot' nor 'futures'")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"leverage":5}}}}""", "venues.binance.bn.leverage", "futures' settings")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"market":"futures","leverage":126}}}}""", "venues.binance.bn.leverage", "1–125")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"market":"futures","marginType":"CROSSED"}}}}""", "venues.binance.bn.marginType", "neither 'isolated' nor 'cross'")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"market":"futures","userDataStream":"webSocketApi"}}}}""", "venues.binance.bn.userDataStream", "listen key only")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"market":"margin"}}}}""", "venues.binance.bn.market", "'margin'")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"restUrl":"ws://x"}}}}""", "venues.binance.bn.restUrl", "not a http://")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"wsUrl":"https://x"}}}}""", "venues.binance.bn.wsUrl", "not a ws://")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"recvWindowMs":70000}}}}""", "venues.binance.bn.recvWindowMs", "60,000")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"clOrdIdPrefix":"L-L"}}}}""", "venues.binance.bn.clOrdIdPrefix", "letters or digits")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"keepAliveMinutes":60}}}}""", "venues.binance.bn.keepAliveMinutes", "lapses after 60")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"reconcileTimeoutMs":5}}}}""", "venues.binance.bn.reconcileTimeoutMs", "100–600,000")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"cancelRetries":-1}}}}""", "venues.binance.bn.cancelRetries", "0–100")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"userDataStream":"sse"}}}}""", "venues.binance.bn.userDataStream", "'sse'")]
    [TestCase("""{"threads":[{"name":"a","stages":["ingest","indicators","signals","risk","routing"]}],"venues":{"binance":{"bn":{"wsApiUrl":"https://x"}}}}""", "venues.binance.bn.wsApiUrl", "not a ws://")]
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
