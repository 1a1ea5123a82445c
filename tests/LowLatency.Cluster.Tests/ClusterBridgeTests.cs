using System.Net;
using System.Text.Json;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// Stateless bridges on the real servers: two shards (one map) and two bridges projecting both into one
/// PostgreSQL. An order sent through either bridge reaches the shard that owns its symbol; both bridges then
/// serve the same orders, fills and positions from the read side; a bridge lost is invisible to the other's
/// clients, and a third started late catches up from the streams and answers alike.
/// </summary>
[NonParallelizable]
public sealed class ClusterBridgeTests
{
    private static readonly Dictionary<string, IReadOnlyList<string>> Shards = new() { ["s1"] = ["BTC-USD", "ETH-USD"], ["s2"] = ["BNBUSDT"] };

    private static Task<ClusterBridge> Bridge(NatsServer nats, PostgresServer postgres, string name, params string[] extra) =>
        ClusterBridge.StartAsync([.. ClusterBridge.InCluster(nats, postgres, name, Shards), .. extra]);

    private static JsonElement Order(ClusterBridge bridge, string symbol, string side, decimal quantity) => ClusterApi.Order(bridge.Http, symbol, side, quantity);

    private static string Get(ClusterBridge bridge, string path) => bridge.Http.GetStringAsync(path).GetAwaiter().GetResult();

    [Test]
    public async Task Orders_on_both_shards_are_seen_identically_through_every_bridge()
    {
        using var nats = new NatsServer();
        using var postgres = new PostgresServer();
        using var s1 = ShardEngine.Of(nats, "s1", Shards);
        using var s2 = ShardEngine.Of(nats, "s2", Shards);
        string[] coordinator = ["--Bridge:Cluster:Coordinator=true", "--Bridge:Cluster:CoordinatorIntervalSeconds=0.05"];
        var a = await Bridge(nats, postgres, "bridge-a", coordinator);
        await using var b = await Bridge(nats, postgres, "bridge-b", coordinator);

        var btc = Order(a, "BTC-USD", "buy", 0.01m);
        var bnb = Order(b, "BNBUSDT", "buy", 1m);
        var eth = Order(b, "ETH-USD", "sell", 0.5m);
        Assert.That((btc.GetProperty("shard").GetString(), bnb.GetProperty("shard").GetString(), eth.GetProperty("shard").GetString()), Is.EqualTo(("s1", "s2", "s1")), "each to its symbol's owner, whichever bridge took it");

        string[] paths = ["/api/cluster/orders", "/api/cluster/positions", "/api/cluster/fills"];
        bool Settled(ClusterBridge bridge) => JsonDocument.Parse(Get(bridge, "/api/cluster/positions")).RootElement.GetArrayLength() == 3
            && JsonDocument.Parse(Get(bridge, "/api/cluster/orders")).RootElement.EnumerateArray().All(o => o.GetProperty("status").GetString() == "filled");
        Eventually.Until(() => Settled(a) && Settled(b), "three orders filled, three positions, on the read side");
        Assert.That(paths.Select(p => Get(b, p)), Is.EqualTo(paths.Select(p => Get(a, p))), "the same answer from either bridge");
        var orders = JsonDocument.Parse(Get(a, "/api/cluster/orders")).RootElement.EnumerateArray().Select(o => o.GetProperty("id").GetString()).ToList();
        Assert.That(orders, Is.EquivalentTo(new[] { btc.GetProperty("id").GetString(), bnb.GetProperty("id").GetString(), eth.GetProperty("id").GetString() }));

        // Both bridges are candidates for the risk-budget coordinator; the lease's holder reads each shard's slice and use (engine defaults: five open positions each)
        JsonElement Budgets(ClusterBridge bridge) => JsonDocument.Parse(Get(bridge, "/api/cluster/risk-budgets")).RootElement;
        bool Read(JsonElement budgets) => budgets.GetProperty("shards").EnumerateArray()
            .Select(s => (s.GetProperty("shard").GetString(), s.GetProperty("openPositions").GetInt32())).SequenceEqual([("s1", 2), ("s2", 1)]);
        Eventually.Until(() => new[] { a, b }.Any(x => Budgets(x) is var j && j.GetProperty("leading").GetBoolean() && Read(j)), "the leading coordinator read both shards' positions");
        var leaders = new[] { a, b }.Where(x => Budgets(x).GetProperty("leading").GetBoolean()).ToList();
        Assert.That(leaders, Has.Count.EqualTo(1), "one of the candidates leads, the other stands by");
        var led = Budgets(leaders[0]);
        Assert.That((led.GetProperty("epoch").GetInt64(), led.GetProperty("poolOpenPositions").GetInt32()), Is.EqualTo((1L, 10)));
        var slices = led.GetProperty("shards").EnumerateArray().Select(s => (Daily: s.GetProperty("maxDailyLoss").GetInt64(), Drawdown: s.GetProperty("maxDrawdown").GetInt64())).ToList();
        Assert.That(led.GetProperty("poolDailyLoss").GetInt64(), Is.GreaterThan(0).And.GreaterThanOrEqualTo(slices.Sum(s => s.Daily)), "the loss slices fit the pool");
        Assert.That(led.GetProperty("poolDrawdown").GetInt64(), Is.GreaterThan(0).And.GreaterThanOrEqualTo(slices.Sum(s => s.Drawdown)));

        await a.DisposeAsync(); // a bridge lost; if it led, bridge-b takes the lease over once it expires
        Eventually.Until(() => Budgets(b) is var j && j.GetProperty("leading").GetBoolean() && Read(j), "bridge-b leads");
        Assert.That(Budgets(b).GetProperty("epoch").GetInt64(), Is.EqualTo(leaders[0] == a ? 2L : 1L), "a new leader fences the shards under the next epoch");

        // the other serves on, and a late one catches up
        var more = Order(b, "BTC-USD", "buy", 0.02m);
        await using var late = await Bridge(nats, postgres, "bridge-c");
        Eventually.Until(() => JsonDocument.Parse(Get(late, "/api/cluster/orders")).RootElement.EnumerateArray().Any(o => o.GetProperty("id").GetString() == more.GetProperty("id").GetString() && o.GetProperty("status").GetString() == "filled"), "the late bridge sees the latest order");
        Eventually.Until(() => paths.All(p => Get(late, p) == Get(b, p)), "the late bridge answers alike");
        using (var none = await late.Http.GetAsync("/api/cluster/risk-budgets"))
        {
            Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the late bridge is no candidate");
        }

        var shards = JsonDocument.Parse(Get(late, "/api/cluster/shards")).RootElement;
        Assert.That(shards.GetProperty("thisBridge").EnumerateArray().Select(p => p.GetProperty("written").GetInt64()).Sum(), Is.Zero, "nothing left for the late bridge to write: every record was written once");
    }

    [Test]
    public async Task Without_cluster_settings_the_cluster_endpoints_say_so()
    {
        await using var bridge = await ClusterBridge.StartAsync();
        using var response = await bridge.Http.GetAsync("/api/cluster/orders");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Bridge:Cluster:Nats"));
    }
}
