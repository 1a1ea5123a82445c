using System.Net.WebSockets;
using System.Text.Json;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// The real-time feed across shards on the real servers: clients of two bridges on the <c>cluster</c> channel of
/// <c>/ws/price-feed</c> get the same events for orders on both shards, whichever bridge took the order; a client
/// whose bridge is lost reconnects to the other and goes on.
/// </summary>
[NonParallelizable]
public sealed class ClusterFeedTests
{
    private static readonly Dictionary<string, IReadOnlyList<string>> Shards = new() { ["s1"] = ["BTC-USD", "ETH-USD"], ["s2"] = ["BNBUSDT"] };

    private static Task<ClientWebSocket> SubscribeAsync(ClusterBridge bridge) => FeedClient.SubscribeAsync(bridge, "cluster");

    private static Task<string?> NextAsync(ClientWebSocket socket, string name, Func<JsonElement, bool> matches) => FeedClient.NextAsync(socket, name, matches);

    private static Task<string?> FillOf(ClientWebSocket socket, string id) =>
        NextAsync(socket, "cluster_fill", d => d.GetProperty("orderId").GetString() == id);

    private static Task<string?> FilledOrder(ClientWebSocket socket, string id) =>
        NextAsync(socket, "cluster_order", d => d.GetProperty("order").GetProperty("id").GetString() == id && d.GetProperty("order").GetProperty("status").GetString() == "filled");

    [Test]
    public async Task Every_bridge_feeds_the_same_events_and_a_client_that_loses_its_bridge_goes_on_at_another()
    {
        using var nats = new NatsServer();
        using var postgres = new PostgresServer();
        using var s1 = ShardEngine.Of(nats, "s1", Shards);
        using var s2 = ShardEngine.Of(nats, "s2", Shards);
        var a = await ClusterBridge.StartAsync(ClusterBridge.InCluster(nats, postgres, "bridge-a", Shards));
        await using var b = await ClusterBridge.StartAsync(ClusterBridge.InCluster(nats, postgres, "bridge-b", Shards));
        using var onA = await SubscribeAsync(a);
        using var onB = await SubscribeAsync(b);

        foreach (var (bridge, symbol, shard) in new[] { (a, "BTC-USD", "s1"), (b, "BNBUSDT", "s2") })
        {
            var id = ClusterApi.Order(bridge.Http, symbol, "buy", symbol == "BTC-USD" ? 0.01m : 1m).GetProperty("id").GetString()!;
            var (fillA, fillB) = (await FillOf(onA, id), await FillOf(onB, id));
            Assert.That(fillA, Is.Not.Null.And.Contains($"\"shard\":\"{shard}\"").And.Contains($"\"symbol\":\"{symbol}\""));
            Assert.That(fillB, Is.EqualTo(fillA), "the same event from either bridge");
            Assert.That(await FilledOrder(onA, id), Is.EqualTo(await FilledOrder(onB, id)));
        }

        var metrics = await b.Http.GetStringAsync("/metrics");
        Assert.That(metrics, Does.Contain("ll_read_side_sequence{shard=\"s1\"}").And.Contain("ll_read_side_reading{shard=\"s2\"} 1").And.Contain("ll_bridge_bar_writes{kind=\"dropped\"} 0"));
        Assert.That(metrics, Does.Match(@"ll_cluster_feed_events [1-9]"), "the events sent are counted");

        await a.DisposeAsync(); // the bridge is lost: its client's socket ends, it reconnects to the other
        Assert.That(await NextAsync(onA, "cluster_fill", _ => true), Is.Null, "closed with its bridge");
        using var again = await SubscribeAsync(b);
        var eth = ClusterApi.Order(b.Http, "ETH-USD", "sell", 0.5m).GetProperty("id").GetString()!;
        Assert.That(await FillOf(again, eth), Does.Contain("\"symbol\":\"ETH-USD\""));
        Assert.That(await FilledOrder(again, eth), Does.Contain("\"shard\":\"s1\""));
    }
}
