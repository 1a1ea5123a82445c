using System.Net;
using System.Text.Json;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// Alerts across bridges (<c>Bridge:Cluster:ServeFrontend</c>): the rules and the fired alerts are the cluster's
/// (its PostgreSQL), one bridge evaluates the rules, and every bridge pushes every alert to its clients: a rule added
/// through one bridge is listed and removed through the other, a manual alert sent through one reaches a client of
/// the other, and a rule fires once per event, not once per bridge.
/// </summary>
[NonParallelizable]
public sealed class ClusterAlertsTests
{
    private static JsonElement Get(ClusterBridge bridge, string path) => JsonDocument.Parse(bridge.Http.GetStringAsync(path).GetAwaiter().GetResult()).RootElement;

    private static List<string> Messages(ClusterBridge bridge) =>
        [.. Get(bridge, "/api/alerts/history?limit=500").GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("message").GetString()!)];

    [Test]
    public async Task Rules_and_alerts_are_every_bridges_and_a_rule_fires_once_per_event()
    {
        await using var cluster = await FrontendCluster.StartAsync();
        var (a, b) = (cluster.A, cluster.B);
        using var feed = await FeedClient.SubscribeAsync(b, "alerts");

        var (created, rule) = await ClusterFrontendTests.PostAsync(a, """{"name":"halts","kind":"risk_event","cooldownSeconds":0}""", "/api/alerts");
        Assert.That(created, Is.EqualTo(HttpStatusCode.Created), rule.ToString());
        var id = rule.GetProperty("id").GetString()!;
        Assert.That(Get(b, "/api/alerts").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()), Is.EqualTo(new[] { id }), "added through a, listed by b");

        var (sent, _) = await ClusterFrontendTests.PostAsync(a, """{"message":"hello from a","channels":["websocket"]}""", "/api/alerts/send");
        Assert.That(sent, Is.EqualTo(HttpStatusCode.OK));
        var pushed = await FeedClient.NextAsync(feed, "alert", d => d.GetProperty("message").GetString() == "hello from a");
        Assert.That(pushed, Is.Not.Null, "sent through a, pushed to a client of b");
        Assert.That(JsonDocument.Parse(pushed!).RootElement.TryGetProperty("channels", out _), Is.False, "the alert as it was fired");
        Assert.That(Messages(b), Is.EqualTo(Messages(a)).And.Contains("hello from a"), "one history");

        // An emergency stop halts both shards: the rule fires once for each, whichever bridge evaluates it.
        var (stopped, answer) = await ClusterFrontendTests.PostAsync(b, "{}", "/api/trading/emergency-stop");
        Assert.That(stopped, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        var halts = new[] { "shard s1: trading halted: EmergencyStop", "shard s2: trading halted: EmergencyStop" };
        Eventually.Until(() => halts.All(Messages(a).Contains), $"the rule fired for both shards' halts (history: {string.Join(" | ", Messages(a))}; rules on b: {Get(b, "/api/alerts")})");
        var (after, _) = await ClusterFrontendTests.PostAsync(b, """{"message":"after the halts","channels":["websocket"]}""", "/api/alerts/send");
        Assert.That(after, Is.EqualTo(HttpStatusCode.OK));
        Eventually.Until(() => Messages(a).Contains("after the halts"), "the later alert");
        Assert.That(Messages(a).Count(m => m.Contains("trading halted", StringComparison.Ordinal)), Is.EqualTo(2), "once per halt, not once per bridge");
        Assert.That(await FeedClient.NextAsync(feed, "alert", d => d.GetProperty("message").GetString() == "after the halts"), Is.Not.Null);

        using (var removed = await b.Http.DeleteAsync($"/api/alerts/{id}"))
        {
            Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That(Get(a, "/api/alerts").GetProperty("count").GetInt32(), Is.Zero, "removed through b, gone from a");
        using var missing = await a.Http.DeleteAsync($"/api/alerts/{id}");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static bool Evaluates(ClusterBridge bridge) => Get(bridge, "/api/alerts").GetProperty("evaluatedHere").GetBoolean();

    private static int Fired(ClusterBridge bridge, string rule) =>
        Get(bridge, "/api/alerts/history?limit=500").GetProperty("alerts").EnumerateArray().Count(a => a.GetProperty("ruleId").GetString() == rule);

    private static async Task<string> RuleAsync(ClusterBridge bridge, string json)
    {
        var (created, rule) = await ClusterFrontendTests.PostAsync(bridge, json, "/api/alerts");
        Assert.That(created, Is.EqualTo(HttpStatusCode.Created), rule.ToString());
        return rule.GetProperty("id").GetString()!;
    }

    private static async Task PostOkAsync(ClusterBridge bridge, string path)
    {
        var (status, answer) = await ClusterFrontendTests.PostAsync(bridge, "{}", path);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), $"{path}: {answer}");
    }

    [Test]
    public async Task The_bridge_that_takes_the_alert_lease_over_keeps_the_cool_down_of_a_firing_before_it()
    {
        await using var cluster = await FrontendCluster.StartAsync();
        Eventually.Until(() => Evaluates(cluster.A) ^ Evaluates(cluster.B), "one bridge evaluates");
        var (leader, other) = Evaluates(cluster.A) ? (cluster.A, cluster.B) : (cluster.B, cluster.A);
        // Added through the evaluating bridge, which then has them at once (the others reload them within a second).
        var everyHalt = await RuleAsync(leader, """{"name":"every halt","kind":"risk_event","cooldownSeconds":0}""");
        var hourly = await RuleAsync(leader, """{"name":"a halt an hour","kind":"risk_event","cooldownSeconds":3600}""");

        await PostOkAsync(other, "/api/trading/emergency-stop");
        Eventually.Until(() => Fired(other, everyHalt) == 2, "both shards' halts alerted");
        Assert.That(Fired(other, hourly), Is.EqualTo(1), "the second halt within the cool-down");

        await cluster.StopAsync(leader);
        Eventually.Until(() => Evaluates(other), "the other bridge took the lease over");
        await PostOkAsync(other, "/api/trading/clear-halt");
        await PostOkAsync(other, "/api/trading/start");
        await PostOkAsync(other, "/api/trading/emergency-stop");
        Eventually.Until(() => Fired(other, everyHalt) == 4, "the halts after the handover alerted by the new evaluator");
        Assert.That(Fired(other, hourly), Is.EqualTo(1), "the new evaluator kept the cool-down of the firing before it took over");
    }
}
