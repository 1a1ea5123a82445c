using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// The frontend's own order routes across shards (<c>Bridge:Cluster:ServeFrontend</c>): an order through either
/// bridge reaches its shard, both bridges list the same orders in the contract's shape with <c>SHARD:ID</c> ids,
/// each bridge's <c>order_update</c> events are every shard's, and a cancel through one bridge reaches the shard
/// the id names and shows on the other.
/// </summary>
[NonParallelizable]
public sealed class ClusterFrontendTests
{
    internal static readonly Dictionary<string, IReadOnlyList<string>> Shards = new() { ["s1"] = ["BTC-USD", "ETH-USD"], ["s2"] = ["BNBUSDT"] };

    /// <summary>A bridge of the cluster that serves the frontend's routes across shards.</summary>
    internal static Task<ClusterBridge> Bridge(NatsServer nats, PostgresServer postgres, string name) =>
        ClusterBridge.StartAsync([.. ClusterBridge.InCluster(nats, postgres, name, Shards), "--Bridge:Cluster:ServeFrontend=true"]);

    internal static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(ClusterBridge bridge, string json, string path = "/api/orders")
    {
        using var response = await bridge.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static string Orders(ClusterBridge bridge) => bridge.Http.GetStringAsync("/api/orders").GetAwaiter().GetResult();

    private static string? Status(ClusterBridge bridge, string id) =>
        JsonDocument.Parse(Orders(bridge)).RootElement.EnumerateArray().Where(o => o.GetProperty("orderId").GetString() == id).Select(o => o.GetProperty("status").GetString()).FirstOrDefault();

    [Test]
    public async Task Both_bridges_serve_every_shards_orders_in_the_contracts_shape_and_a_cancel_reaches_its_shard()
    {
        await using var cluster = await FrontendCluster.StartAsync();
        var (a, b) = (cluster.A, cluster.B);
        using var feed = await FeedClient.SubscribeAsync(b, "orders");

        var (marketStatus, market) = await PostAsync(a, """{"symbol":"BTC-USD","side":"BUY","quantity":0.01}""");
        Assert.That(marketStatus, Is.EqualTo(HttpStatusCode.OK), market.ToString());
        var btc = market.GetProperty("orderId").GetString()!;
        var (limitStatus, limit) = await PostAsync(b, """{"symbol":"BNBUSDT","side":"BUY","quantity":1,"type":"limit","price":300}""");
        Assert.That(limitStatus, Is.EqualTo(HttpStatusCode.OK), limit.ToString());
        var bnb = limit.GetProperty("orderId").GetString()!;
        Assert.That((btc, bnb), Is.EqualTo(("s1:1", "s2:1")), "each order to its symbol's shard, named by it");
        Assert.That(limit.GetProperty("order").GetProperty("type").GetString(), Is.EqualTo("limit"), "the answer carries the order as the read side shows it");

        string? filled;
        try
        {
            filled = await FeedClient.NextAsync(feed, "order_update", d => d.GetProperty("orderId").GetString() == btc && d.GetProperty("status").GetString() == "filled");
        }
        catch (OperationCanceledException e)
        {
            // what bridge-b had projected and sent, for the failure to say why
            var metrics = (await b.Http.GetStringAsync("/metrics")).Split('\n').Where(l => l.StartsWith("ll_cluster_feed_events", StringComparison.Ordinal) || l.StartsWith("ll_read_side", StringComparison.Ordinal));
            throw new AssertionException($"no order_update with {btc} filled on bridge-b within 30 s; its metrics: {string.Join(" | ", metrics)}; shards: {await b.Http.GetStringAsync("/api/cluster/shards")}", e);
        }

        Eventually.Until(() => Status(a, btc) == "filled" && Status(b, bnb) is not null && Orders(a) == Orders(b), "both orders on the read side, the same through both bridges");
        var listed = JsonDocument.Parse(Orders(a)).RootElement.EnumerateArray().ToList();
        Assert.That(listed.Select(o => o.GetProperty("orderId").GetString()), Is.EquivalentTo(new[] { btc, bnb }));
        foreach (var field in new[] { "orderId", "symbol", "side", "type", "quantity", "price", "status", "timestamp" })
        {
            Assert.That(listed.All(o => o.TryGetProperty(field, out _)), Is.True, $"every order has the contract's {field}");
        }

        Assert.That(filled, Is.EqualTo(JsonSerializer.Serialize(listed.Single(o => o.GetProperty("orderId").GetString() == btc))), "the event is the order as /api/orders gives it");

        Eventually.Until(() => JsonDocument.Parse(a.Http.GetStringAsync("/api/trading/status").GetAwaiter().GetResult()).RootElement.GetProperty("active_trades").GetInt32() == 1,
            "s2's working limit order counts in the account's active trades");

        using (var one = await b.Http.GetAsync($"/api/orders/{bnb}"))
        {
            var order = await one.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That((one.StatusCode, order.GetProperty("symbol").GetString(), order.GetProperty("price").GetDecimal()), Is.EqualTo((HttpStatusCode.OK, "BNBUSDT", 300m)));
        }

        using (var cancel = await a.Http.DeleteAsync($"/api/orders/{bnb}"))
        {
            Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.OK), await cancel.Content.ReadAsStringAsync());
        }

        Eventually.Until(() => Status(b, bnb) == "cancelled", "the cancel, sent through bridge-a to s2, seen through bridge-b");

        using (var again = await b.Http.DeleteAsync($"/api/orders/{bnb}"))
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a finished order cannot be cancelled: " + await again.Content.ReadAsStringAsync());
        }

        foreach (var id in new[] { "s9:1", "1", "s1:x", "s1:99" })
        {
            using var missing = await a.Http.GetAsync($"/api/orders/{id}");
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), id);
        }

        using (var unknown = await a.Http.DeleteAsync("/api/orders/s9:1"))
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "no such shard");
        }

        var (badStatus, bad) = await PostAsync(a, """{"symbol":"BTC-USD","side":"BUY","quantity":-1}""");
        Assert.That((badStatus, bad.GetProperty("detail").GetString()), Is.EqualTo((HttpStatusCode.BadRequest, "quantity -1 must be positive")));
    }

    private static List<JsonElement> Positions(ClusterBridge bridge) => [.. JsonDocument.Parse(bridge.Http.GetStringAsync("/api/positions").GetAwaiter().GetResult()).RootElement.EnumerateArray()];

    private static string Held(ClusterBridge bridge) =>
        string.Join(";", Positions(bridge).Select(p => $"{p.GetProperty("symbol").GetString()}|{p.GetProperty("side").GetString()}|{p.GetProperty("quantity").GetDecimal()}|{p.GetProperty("entryPrice").GetDecimal()}|{p.GetProperty("entryTime").GetString()}"));

    [Test]
    public async Task Both_bridges_serve_every_shards_positions_marked_at_the_shards_marks_and_a_close_reaches_the_owner()
    {
        await using var cluster = await FrontendCluster.StartAsync();
        var (a, b) = (cluster.A, cluster.B);

        foreach (var (bridge, body) in new[] { (a, """{"symbol":"BTC-USD","side":"BUY","quantity":0.01}"""), (b, """{"symbol":"BNBUSDT","side":"SELL","quantity":1}""") })
        {
            var (status, answer) = await PostAsync(bridge, body);
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        }

        Eventually.Until(() => Positions(a).Count == 2 && Positions(a).All(p => p.GetProperty("currentPrice").GetDecimal() > 0) && Held(a) == Held(b),
            "both shards' positions, marked, the same through both bridges");
        var held = Positions(b);
        Assert.That(held.Select(p => (p.GetProperty("id").GetString(), p.GetProperty("side").GetString())), Is.EqualTo(new[] { ("BTC-USD", "BUY"), ("BNBUSDT", "SELL") }), "by instrument, each its own shard's");
        foreach (var field in new[] { "id", "symbol", "side", "quantity", "entryPrice", "currentPrice", "unrealizedPnL", "realizedPnL", "entryTime" })
        {
            Assert.That(held.All(p => p.TryGetProperty(field, out _)), Is.True, $"every position has the contract's {field}");
        }

        using (var one = await a.Http.GetAsync("/api/positions/BNBUSDT"))
        {
            Assert.That(one.StatusCode, Is.EqualTo(HttpStatusCode.OK), "s2's position through bridge-a");
        }

        using (var close = await a.Http.PostAsync("/api/positions/BNBUSDT/close", new StringContent("""{"symbol":"BNBUSDT"}""", Encoding.UTF8, "application/json")))
        {
            var answer = await close.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(close.StatusCode, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
            Assert.That(answer.GetProperty("orderId").GetString(), Does.StartWith("s2:"), "the close went to the owner of BNBUSDT");
            Assert.That(answer.GetProperty("closed_position").GetProperty("side").GetString(), Is.EqualTo("SELL"));
        }

        Eventually.Until(() => Positions(b).Select(p => p.GetProperty("symbol").GetString()).SequenceEqual(["BTC-USD"]), "the close, sent through bridge-a to s2, seen through bridge-b");

        // The closed trade, paired on the read side as the linked bridge pairs its engine's, through both bridges:
        // one trip per fill of the close (a market order may fill in parts), together the whole short.
        List<JsonElement> Trips() => [.. JsonDocument.Parse(a.Http.GetStringAsync("/api/positions/history").GetAwaiter().GetResult()).RootElement.EnumerateArray()];
        Eventually.Until(() => Trips().Sum(t => t.GetProperty("quantity").GetDecimal()) == 1m, "s2's closed trade");
        var history = a.Http.GetStringAsync("/api/positions/history").GetAwaiter().GetResult();
        Assert.That(b.Http.GetStringAsync("/api/positions/history").GetAwaiter().GetResult(), Is.EqualTo(history), "the same through both bridges");
        var trips = Trips();
        foreach (var trade in trips)
        {
            Assert.That(trade.GetProperty("id").GetString(), Does.StartWith("s2:BNBUSDT-"), "SHARD:SYMBOL-SEQUENCE");
            Assert.That((trade.GetProperty("symbol").GetString(), trade.GetProperty("side").GetString()), Is.EqualTo(("BNBUSDT", "SELL")));
            Assert.That(trade.GetProperty("entryTime").ValueKind, Is.EqualTo(JsonValueKind.String), "when the short opened");
            Assert.That(trade.GetProperty("entryPrice").GetDecimal(), Is.GreaterThan(0m));
            Assert.That(trade.GetProperty("exitPrice").GetDecimal(), Is.GreaterThan(0m));
        }

        var performance = JsonDocument.Parse(await b.Http.GetStringAsync("/api/portfolio/performance")).RootElement;
        Assert.That(performance.GetProperty("closedTrades").GetInt32(), Is.EqualTo(trips.Count), "the account's performance counts every shard's closed trades");
        Assert.That(performance.GetProperty("fills").GetInt64(), Is.GreaterThanOrEqualTo(3), "every shard's fills: the long, the short and its close");
        foreach (var (path, expected) in new[] { ("/api/positions/BNBUSDT", HttpStatusCode.NotFound), ("/api/positions/NOPE", HttpStatusCode.NotFound) })
        {
            using var response = await b.Http.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(expected), path);
        }

        using (var bad = await b.Http.PostAsync("/api/positions/x/close", new StringContent("""{"symbol":"BTC-USD","extra":1}""", Encoding.UTF8, "application/json")))
        {
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "an unknown field in the close body");
        }
    }
}
