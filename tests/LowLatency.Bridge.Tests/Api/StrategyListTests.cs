using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LowLatency.Bridge.Tests.Support;

namespace LowLatency.Bridge.Tests.Api;

/// <summary><c>GET /api/strategies</c> without an engine: the config files, the ranges each type declares, and a live state that says it is not running.</summary>
[NonParallelizable]
public sealed class StrategyListTests : StandaloneBridgeFixture
{
    [Test]
    public async Task Every_config_strategy_is_listed_with_its_declared_ranges()
    {
        var list = await Http.GetFromJsonAsync<JsonElement>("/api/strategies");
        var strategies = list.GetProperty("strategies").EnumerateArray().ToList();
        Assert.That(strategies.Select(s => s.GetProperty("id").GetString()), Is.EquivalentTo(new[] { "ensemble-xau", "gann-sq9-eth", "mama-fama-btc" }));
        var mama = strategies.Single(s => s.GetProperty("id").GetString() == "mama-fama-btc");
        Assert.That(mama.GetProperty("type").GetString(), Is.EqualTo("mama-fama-cross"));
        Assert.That(mama.GetProperty("symbols")[0].GetString(), Is.EqualTo("BTC-USD"));
        Assert.That(mama.GetProperty("timeframe").GetString(), Is.EqualTo("1m"));
        var ranges = mama.GetProperty("ranges").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.That((ranges["fastLimit"].GetProperty("kind").GetString(), ranges["fastLimit"].GetProperty("min").GetDouble(), ranges["fastLimit"].GetProperty("max").GetDouble(), ranges["fastLimit"].GetProperty("value").GetDouble()), Is.EqualTo(("number", 0.01, 0.99, 0.5)));
        Assert.That(ranges["source"].GetProperty("allowed").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(new[] { "hl2", "close" }));
        Assert.That(mama.GetProperty("parameters").GetProperty("slowLimit").GetDouble(), Is.EqualTo(0.05));
        foreach (var s in strategies)
        {
            Assert.That(s.GetProperty("ranges").GetArrayLength(), Is.GreaterThan(0), s.GetProperty("id").GetString());
            Assert.That(s.GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That((s.GetProperty("live").GetProperty("running").GetBoolean(), s.GetProperty("live").GetProperty("engineConnected").GetBoolean()), Is.EqualTo((false, false)));
        }
    }

    [Test]
    public async Task One_strategy_by_id_and_an_unknown_one()
    {
        var one = await Http.GetFromJsonAsync<JsonElement>("/api/strategies/gann-sq9-eth");
        Assert.That(one.GetProperty("type").GetString(), Is.EqualTo("gann-sq9"));
        Assert.That((await Http.GetAsync("/api/strategies/nope")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
