using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LowLatency.Bridge.Security;
using LowLatency.Bridge.Tests.Support;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>Auth on and off, rate limits, metrics, the OpenAPI document.</summary>
[NonParallelizable]
public sealed class CrossCuttingTests
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Test]
    public async Task Outside_development_every_api_route_but_health_needs_the_key()
    {
        await using var bridge = await BridgeProcess.StartAsync(Paths.FreePort(), "--environment=Production", "--Bridge:ApiKeys:0=test-key-123");
        Assert.That((await bridge.Http.GetAsync("/api/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "health stays open");
        var refused = await bridge.Http.GetAsync("/api/config");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(refused.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), Does.Contain("X-API-Key"));

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/config");
        wrong.Headers.Add("X-API-Key", "test-key-124");
        Assert.That((await bridge.Http.SendAsync(wrong)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var header = new HttpRequestMessage(HttpMethod.Get, "/api/config");
        header.Headers.Add("X-API-Key", "test-key-123");
        Assert.That((await bridge.Http.SendAsync(header)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/config");
        bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "test-key-123");
        Assert.That((await bridge.Http.SendAsync(bearer)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task In_development_on_loopback_keys_are_optional()
    {
        await using var bridge = await BridgeProcess.StartAsync(Paths.FreePort(), "--Bridge:ApiKeys:0=dev-key");
        Assert.That((await bridge.Http.GetAsync("/api/config")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase(false, "http://0.0.0.0:5999", "non-loopback")]
    [TestCase(false, "http://127.0.0.1:5999", "required outside Development")]
    [TestCase(true, "http://0.0.0.0:5999", "non-loopback")]
    public void The_bridge_refuses_to_start_without_a_key_where_one_is_needed(bool development, string url, string mentions)
    {
        var error = Assert.Throws<InvalidOperationException>(() => _ = new ApiKeyPolicy([], development, url));
        Assert.That(error!.Message, Does.Contain(mentions));
        Assert.DoesNotThrow(() => _ = new ApiKeyPolicy([], development: true, "http://127.0.0.1:5000"));
    }

    [Test]
    public async Task Changing_requests_over_the_limit_get_429_problems_and_reads_do_not()
    {
        await using var bridge = await BridgeProcess.StartAsync(Paths.FreePort(), "--Bridge:MutatingRequestsPerSecond=5");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await bridge.Http.PostAsync("/api/risk/calculate-position-size", Json("""{"entryPrice":10,"stopLoss":9}"""))).StatusCode);
        }

        Assert.That(statuses, Does.Contain(HttpStatusCode.TooManyRequests));
        var limited = await bridge.Http.PostAsync("/api/risk/calculate-position-size", Json("""{"entryPrice":10,"stopLoss":9}"""));
        if (limited.StatusCode == HttpStatusCode.TooManyRequests)
        {
            Assert.That(limited.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(limited.Headers.RetryAfter, Is.Not.Null);
        }

        for (var i = 0; i < 20; i++)
        {
            Assert.That((await bridge.Http.GetAsync("/api/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "reads are not limited");
        }
    }

    [Test]
    public async Task Metrics_are_prometheus_text_with_link_and_client_gauges()
    {
        await using var bridge = await BridgeProcess.StartAsync(Paths.FreePort());
        await bridge.Http.GetAsync("/api/health");
        var text = await bridge.Http.GetStringAsync("/metrics");
        Assert.That(text, Does.Contain("# TYPE ll_bridge_websocket_clients gauge"));
        Assert.That(text, Does.Contain("ll_bridge_engine_connected 0"));
        Assert.That(text, Does.Contain("http_requests_received_total"));
    }

    [Test]
    public async Task The_openapi_document_lists_the_routes()
    {
        await using var bridge = await BridgeProcess.StartAsync(Paths.FreePort());
        var document = await bridge.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(paths, Does.Contain("/api/orders").And.Contain("/api/trading/status").And.Contain("/api/health").And.Contain("/api/positions/history"));
    }
}
