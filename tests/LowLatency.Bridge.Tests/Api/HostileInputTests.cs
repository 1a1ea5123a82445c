using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LowLatency.Bridge.Tests.Support;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>
/// Bodies and requests that must never trade or change state: wrong types, conflicting aliases, duplicate keys,
/// unknown fields on fully specified routes, cross-site requests, invalid Unicode, numbers beyond range.
/// </summary>
[NonParallelizable]
public sealed class HostileInputTests
{
    private LinkedSystem? _system;

    private HttpClient Http => _system!.Http;

    [OneTimeSetUp]
    public async Task StartBoth() => _system = await LinkedSystem.StartAsync("--Bridge:MutatingRequestsPerSecond=1000000");

    [OneTimeTearDown]
    public async Task StopBoth()
    {
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>What a refused request must leave as it was.</summary>
    private async Task<(string State, bool KillSwitch, int Orders)> TradingState()
    {
        var status = await Http.GetFromJsonAsync<JsonElement>("/api/trading/status");
        var orders = await Http.GetFromJsonAsync<JsonElement>("/api/orders");
        return (status.GetProperty("state").GetString()!, status.GetProperty("kill_switch").GetBoolean(), orders.GetArrayLength());
    }

    private static async Task<string> Refused(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        return text;
    }

    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":0.01,"type":2,"price":60000}""", "'type' must be a string")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":0.01,"type":["limit"],"price":60000}""", "'type' must be a string")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":0.01,"order_type":2}""", "'order_type' must be a string")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":0.01,"time_in_force":7}""", "'time_in_force' must be a string")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":0.01,"timeInForce":{"a":1}}""", "'timeInForce' must be a string")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":0.01,"type":"market","order_type":"limit","price":60000}""", "'type' and 'order_type'")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":0.01,"time_in_force":"GTC","timeInForce":"IOC"}""", "'time_in_force' and 'timeInForce'")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":0.01,"stopLoss":50000,"stop_loss":"x"}""", "'stopLoss' and 'stop_loss'")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":-1,"quantity":0.01}""", "duplicate")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":0.01,"leverage":100}""", "unknown field 'leverage'")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":7.9e28}""", "out of range")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":0.01,"type":"limit","price":1e28}""", "out of range")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":1e99999}""", "out of range")]
    [TestCase("""{"symbol":"BTC-\ud800USD","side":"BUY","quantity":0.01}""", "not valid Unicode")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":0.01,"\udfff":1}""", "not valid Unicode")]
    public async Task A_wrong_order_body_is_a_400_naming_the_problem_and_places_nothing(string body, string mentions)
    {
        var before = await TradingState();
        var text = await Refused(await Http.PostAsync("/api/orders", Json(body)), HttpStatusCode.BadRequest);
        Assert.That(text, Does.Contain(mentions).IgnoreCase);
        Assert.That(await TradingState(), Is.EqualTo(before));
    }

    [Test]
    public async Task Invalid_utf8_is_a_400()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"symbol":"BTC-USD","side":"BUY","quantity":0.01,"x":"__"}""");
        bytes[^4] = 0xC3; // a lead byte with no continuation
        bytes[^3] = 0x28;
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        await Refused(await Http.PostAsync("/api/orders", content), HttpStatusCode.BadRequest);
    }

    [TestCase("/api/trading/stop", """{"a":1e99999}""")]
    [TestCase("/api/trading/emergency-stop", """{"a":1}""")]
    [TestCase("/api/trading/emergency-stop", """{"flatten":true,"flatten":false}""")]
    [TestCase("/api/trading/pause", """{"symbols":[]}""")]
    [TestCase("/api/trading/start", """{"flatten":true}""")]
    [TestCase("/api/trading/clear-halt", """{"force":true}""")]
    [TestCase("/api/positions/BTC-USD/close", """{"symbol":"BTC-USD","all":true}""")]
    public async Task A_control_body_with_an_unknown_or_duplicate_field_is_refused_and_acts_as_nothing(string path, string body)
    {
        var before = await TradingState();
        await Refused(await Http.PostAsync(path, Json(body)), HttpStatusCode.BadRequest);
        Assert.That(await TradingState(), Is.EqualTo(before));
    }

    [TestCase("/api/config/sync-all")]
    [TestCase("/api/settings/sync-all")]
    [TestCase("/api/config/scanner")]
    public async Task Duplicate_keys_on_settings_routes_are_a_400(string path) =>
        await Refused(await Http.PostAsync(path, Json("""{"a":1,"a":2}""")), HttpStatusCode.BadRequest);

    [Test]
    public async Task Cross_site_requests_are_refused_before_any_handler_and_the_frontends_own_pass()
    {
        var before = await TradingState();
        const string Order = """{"symbol":"BTC-USD","side":"BUY","quantity":0.01}""";
        using (var evil = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = new StringContent(Order, Encoding.UTF8, "text/plain") })
        {
            evil.Headers.Add("Origin", "http://evil.example");
            await Refused(await Http.SendAsync(evil), HttpStatusCode.Forbidden);
        }

        using (var evilResume = new HttpRequestMessage(HttpMethod.Post, "/api/trading/resume"))
        {
            evilResume.Headers.Add("Origin", "http://evil.example");
            await Refused(await Http.SendAsync(evilResume), HttpStatusCode.Forbidden);
        }

        // Without an Origin (not a browser) the body type alone decides: text/plain is never a JSON body.
        await Refused(await Http.PostAsync("/api/orders", new StringContent(Order, Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        await Refused(await Http.PostAsync("/api/trading/stop", new FormUrlEncodedContent([new("a", "1")])), HttpStatusCode.UnsupportedMediaType);
        Assert.That(await TradingState(), Is.EqualTo(before), "nothing traded, nothing stopped");

        // The frontend: an allowed origin, a JSON content type on every request, no body for pause and resume.
        using (var frontend = new HttpRequestMessage(HttpMethod.Get, "/api/trading/status"))
        {
            frontend.Headers.Add("Origin", "http://localhost:5173");
            var response = await Http.SendAsync(frontend);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "http://localhost:5173" }));
        }

        foreach (var path in new[] { "/api/trading/pause", "/api/trading/resume" })
        {
            using var frontend = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("", Encoding.UTF8, "application/json") };
            frontend.Headers.Add("Origin", "http://127.0.0.1:8080");
            Assert.That((await Http.SendAsync(frontend)).StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
        }

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/orders");
        preflight.Headers.Add("Origin", "http://localhost:5173");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        Assert.That((int)(await Http.SendAsync(preflight)).StatusCode, Is.InRange(200, 204));
    }
}
