using System.Net;
using System.Text.Json;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// The frontend's trading control, status, risk metrics, portfolio summary and live events across shards (<c>Bridge:Cluster:ServeFrontend</c>): a
/// control through one bridge reaches every shard, both bridges give the same account status with each shard's
/// part, fills, positions and status changes of a shard no bridge is linked to reach a client of either bridge, and a
/// control some shard cannot take says which shard, while the others have applied it; every command sent through
/// either bridge is in one audit trail.
/// </summary>
[NonParallelizable]
public sealed class ClusterTradingTests
{
    private static JsonElement Get(ClusterBridge bridge, string path) => JsonDocument.Parse(bridge.Http.GetStringAsync(path).GetAwaiter().GetResult()).RootElement;

    private static JsonElement Status(ClusterBridge bridge) => Get(bridge, "/api/trading/status");

    private static string States(ClusterBridge bridge) =>
        string.Join(",", Status(bridge).GetProperty("shards").EnumerateArray().Select(s => $"{s.GetProperty("shard").GetString()}={s.GetProperty("state").GetString()}"));

    private static Task<(HttpStatusCode Status, JsonElement Body)> Control(ClusterBridge bridge, string path, string body = "{}") =>
        ClusterFrontendTests.PostAsync(bridge, body, "/api/trading/" + path);

    /// <summary>The next <paramref name="name"/> events on <paramref name="feed"/> with <paramref name="state"/>, one per shard, until every shard's has come.</summary>
    private static async Task<List<JsonElement>> StatusEventsAsync(System.Net.WebSockets.ClientWebSocket feed, string name, string state)
    {
        var seen = new List<JsonElement>();
        while (seen.Select(e => e.GetProperty("shard").GetString()).Distinct().Count() < ClusterFrontendTests.Shards.Count)
        {
            var data = await FeedClient.NextAsync(feed, name, d => d.GetProperty("state").GetString() == state);
            Assert.That(data, Is.Not.Null, $"a {name} '{state}' of every shard");
            seen.Add(JsonDocument.Parse(data!).RootElement);
        }

        return seen;
    }

    [Test]
    public async Task A_control_through_one_bridge_reaches_every_shard_and_both_bridges_show_the_accounts_status_and_every_shards_events()
    {
        await using var cluster = await FrontendCluster.StartAsync();
        var (a, b) = (cluster.A, cluster.B);
        using var feed = await FeedClient.SubscribeAsync(b, "fills", "positions", "status");

        Eventually.Until(() => States(a) == "s1=running,s2=running" && States(b) == States(a), "both shards running, through both bridges");
        var status = Status(b);
        foreach (var field in new[] { "running", "paused", "symbols", "active_trades", "daily_stats", "paper_balance", "positions", "timestamp" })
        {
            Assert.That(status.TryGetProperty(field, out _), Is.True, $"the contract's {field}");
        }

        Assert.That((status.GetProperty("running").GetBoolean(), status.GetProperty("state").GetString()), Is.EqualTo((true, "running")));
        var balances = status.GetProperty("shards").EnumerateArray().Sum(s => s.GetProperty("paper_balance").GetDecimal());
        Assert.That(status.GetProperty("paper_balance").GetDecimal(), Is.EqualTo(balances).And.GreaterThan(0), "the account's balance is its shards'");

        // s2's order: no bridge is linked to s2, yet bridge-b's client sees its fill and the position it opened.
        var (ordered, order) = await ClusterFrontendTests.PostAsync(a, """{"symbol":"BNBUSDT","side":"BUY","quantity":1}""");
        Assert.That(ordered, Is.EqualTo(HttpStatusCode.OK), order.ToString());
        var id = order.GetProperty("orderId").GetString()!;
        var fill = JsonDocument.Parse((await FeedClient.NextAsync(feed, "fill", d => d.GetProperty("orderId").GetString() == id))!).RootElement;
        Assert.That((fill.GetProperty("symbol").GetString(), fill.GetProperty("side").GetString()), Is.EqualTo(("BNBUSDT", "BUY")));
        Assert.That(fill.GetProperty("quantity").GetDecimal(), Is.GreaterThan(0m).And.LessThanOrEqualTo(1m), "a fill of the order (a market order may fill in parts)");
        Assert.That(fill.GetProperty("price").GetDecimal(), Is.GreaterThan(0m));
        var position = JsonDocument.Parse((await FeedClient.NextAsync(feed, "position_update", d => d.GetProperty("symbol").GetString() == "BNBUSDT" && d.GetProperty("quantity").GetDecimal() == 1m))!).RootElement;
        using (var listed = JsonDocument.Parse(await a.Http.GetStringAsync("/api/positions/BNBUSDT")))
        {
            string Held(JsonElement p) => string.Join("|", new[] { "id", "side", "quantity", "entryPrice", "entryTime" }.Select(f => p.GetProperty(f).ToString()));
            Assert.That(Held(position), Is.EqualTo(Held(listed.RootElement)), "the position the fills opened, as /api/positions gives it");
        }

        Eventually.Until(() => Status(a).GetProperty("positions").GetArrayLength() == 1, "the account's status lists s2's position");
        var risk = Get(b, "/api/risk/metrics");
        var summary = Get(a, "/api/portfolio/summary");
        Assert.That((risk.GetProperty("tradingState").GetString(), summary.GetProperty("openPositions").GetInt32()), Is.EqualTo(("running", 1)), "the account's, every shard's");
        Assert.That(risk.GetProperty("totalExposure").GetDouble(), Is.GreaterThan(0), "s2's position, marked at s2's marks, through a bridge linked to neither");
        Assert.That(summary.GetProperty("accountBalance").GetDecimal(), Is.EqualTo(risk.GetProperty("accountBalance").GetDecimal()).And.EqualTo(Status(b).GetProperty("paper_balance").GetDecimal()));

        // A pause through bridge-b reaches both shards; bridge-a's status and bridge-b's feed say so, shard by shard.
        var (paused, pauseAnswer) = await Control(b, "pause");
        Assert.That(paused, Is.EqualTo(HttpStatusCode.OK), pauseAnswer.ToString());
        Assert.That(pauseAnswer.GetProperty("shards").EnumerateArray().Select(s => s.GetProperty("result").GetString()), Is.EqualTo(new[] { "accepted", "accepted" }));
        var pausedEvents = await StatusEventsAsync(feed, "trading_status", "paused");
        Assert.That(pausedEvents.Select(e => e.GetProperty("shard").GetString()).Distinct(), Is.EquivalentTo(ClusterFrontendTests.Shards.Keys));
        Eventually.Until(() => States(a) == "s1=paused,s2=paused", "both shards paused, through bridge-a");
        Assert.That((Status(a).GetProperty("running").GetBoolean(), Status(a).GetProperty("paused").GetBoolean()), Is.EqualTo((false, true)));

        // An emergency stop halts every shard: risk alerts from both, and a risk-event alert rule on bridge-a (linked to
        // neither) fires for each; a start is then refused by both, until the halt is cleared.
        var (ruled, rule) = await ClusterFrontendTests.PostAsync(a, """{"name":"halts","kind":"risk_event","cooldownSeconds":0}""", "/api/alerts");
        Assert.That(ruled, Is.EqualTo(HttpStatusCode.Created), rule.ToString());
        var (stopped, stopAnswer) = await Control(a, "emergency-stop");
        Assert.That(stopped, Is.EqualTo(HttpStatusCode.OK), stopAnswer.ToString());
        await StatusEventsAsync(feed, "risk_alert", "halted");
        List<string> Fired() => [.. Get(a, "/api/alerts/history").GetProperty("alerts").EnumerateArray().Select(x => x.GetProperty("message").GetString()!)];
        Eventually.Until(() => Fired().Count == 2, "the rule fired for both shards' halts");
        Assert.That(Fired(), Is.EquivalentTo(new[] { "shard s1: trading halted: EmergencyStop", "shard s2: trading halted: EmergencyStop" }));
        Eventually.Until(() => States(b) == "s1=halted,s2=halted" && Status(b).GetProperty("kill_switch").GetBoolean(), "both shards halted, through bridge-b");
        Assert.That((Get(a, "/api/risk/metrics").GetProperty("tradingState").GetString(), Get(a, "/api/risk/metrics").GetProperty("killSwitch").GetBoolean()), Is.EqualTo(("halted", true)));
        var (refused, refusal) = await Control(b, "start");
        Assert.That(refused, Is.EqualTo(HttpStatusCode.Conflict), refusal.ToString());
        Assert.That(refusal.GetProperty("detail").GetString(), Does.Contain("0 of 2 shards accepted"));
        var (cleared, clearAnswer) = await Control(b, "clear-halt");
        Assert.That(cleared, Is.EqualTo(HttpStatusCode.OK), clearAnswer.ToString());
        var (started, startAnswer) = await Control(a, "start", """{"symbols":["BTC-USD","BNBUSDT"]}""");
        Assert.That(started, Is.EqualTo(HttpStatusCode.OK), startAnswer.ToString());
        Eventually.Until(() => States(b) == "s1=running,s2=running", "both shards running again");

        // Bad bodies are refused before any shard is asked.
        foreach (var (path, body, expected) in new[] { ("stop", """{"extra":1}""", HttpStatusCode.BadRequest), ("start", """{"symbols":["NOPE"]}""", HttpStatusCode.NotFound), ("start", "[1]", HttpStatusCode.BadRequest) })
        {
            var (code, answer) = await Control(a, path, body);
            Assert.That(code, Is.EqualTo(expected), $"{path} {body}: {answer}");
        }

        // With s2 gone a stop still stops s1, and the answer says that s2 did not take it.
        cluster.StopS2();
        var (partial, partialAnswer) = await Control(b, "stop");
        Assert.That(partial, Is.EqualTo(HttpStatusCode.ServiceUnavailable), partialAnswer.ToString());
        Assert.That(partialAnswer.GetProperty("detail").GetString(), Does.StartWith("shard s2:").And.Contain("1 of 2 shards accepted"));
        Assert.That(partialAnswer.GetProperty("shards").EnumerateArray().Select(s => s.GetProperty("result").GetString()![..8]), Is.EqualTo(new[] { "accepted", "unavaila" }));
        Eventually.Until(() => States(a).StartsWith("s1=stopped,", StringComparison.Ordinal), "s1 stopped");
        Assert.That(Status(a).GetProperty("running").GetBoolean(), Is.False);

        // One trail of every command through either bridge: who sent what to which shard, and how it ended.
        List<string> Trail() => [.. Get(a, "/api/audit?limit=1000").EnumerateArray().Select(r => $"{r.GetProperty("bridge").GetString()}|{r.GetProperty("command").GetString()}|{r.GetProperty("result").GetString()}|{r.GetProperty("status").GetInt32()}")];
        Eventually.Until(() => Trail().Count(r => r.StartsWith("bridge-b|Stop to ", StringComparison.Ordinal)) == 2, "the last stop's rows, written beside the request");
        var trail = Trail();
        Assert.That(Get(b, "/api/audit?limit=1000").GetArrayLength(), Is.EqualTo(trail.Count), "the same trail through both bridges");
        Assert.That(trail, Does.Contain($"bridge-a|SubmitOrder BNBUSDT Buy 1000 lots to s2|accepted order {id}|200"));
        Assert.That(trail, Does.Contain("bridge-b|Pause to s1|accepted|200").And.Contain("bridge-b|Pause to s2|accepted|200"));
        Assert.That(trail, Does.Contain("bridge-b|Start to s2|TradingHalted|409"));
        Assert.That(trail, Has.Some.StartsWith("bridge-b|Stop to s2|no engine serves shard s2|503"));
        Assert.That(trail[0], Does.StartWith("bridge-b|Stop to s"), "newest first");
    }
}
