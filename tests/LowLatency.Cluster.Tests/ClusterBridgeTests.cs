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
        var a = await Bridge(nats, postgres, "bridge-a", "--Bridge:Cluster:Coordinator=true", "--Bridge:Cluster:CoordinatorIntervalSeconds=0.05");
        await using var b = await Bridge(nats, postgres, "bridge-b");

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

        // bridge-a runs the risk-budget coordinator: each shard's slice of the account and its use (engine defaults: five open positions each)
        JsonElement budgets = default;
        Eventually.Until(() => (budgets = JsonDocument.Parse(Get(a, "/api/cluster/risk-budgets")).RootElement).GetProperty("shards").EnumerateArray()
            .Select(s => (s.GetProperty("shard").GetString(), s.GetProperty("openPositions").GetInt32())).SequenceEqual([("s1", 2), ("s2", 1)]), "the coordinator read both shards' positions");
        Assert.That((budgets.GetProperty("epoch").GetInt64(), budgets.GetProperty("poolOpenPositions").GetInt32()), Is.EqualTo((1L, 10)));
        using (var none = await b.Http.GetAsync("/api/cluster/risk-budgets"))
        {
            Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "bridge-b does not run it");
        }

        await a.DisposeAsync(); // a bridge lost: the other serves on, and a late one catches up
        var more = Order(b, "BTC-USD", "buy", 0.02m);
        await using var late = await Bridge(nats, postgres, "bridge-c");
        Eventually.Until(() => JsonDocument.Parse(Get(late, "/api/cluster/orders")).RootElement.EnumerateArray().Any(o => o.GetProperty("id").GetString() == more.GetProperty("id").GetString() && o.GetProperty("status").GetString() == "filled"), "the late bridge sees the latest order");
        Eventually.Until(() => paths.All(p => Get(late, p) == Get(b, p)), "the late bridge answers alike");
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
