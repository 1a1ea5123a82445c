using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LowLatency.Bridge.Tests.Support;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>
/// Seeded, bounded fuzzing of every changing route and of paths: invalid UTF-8, lone surrogates, wrong types,
/// huge and non-finite numbers, duplicate keys, deep nesting, long strings, path traversal. Never a 5xx, never a
/// stack trace, and the trading state is what it was.
/// </summary>
[NonParallelizable]
public sealed class RestFuzzTests
{
    private const int Seed = 9;
    private const int BodiesPerRoute = 60;

    private static readonly string[] ChangingRoutes =
    [
        "/api/orders", "/api/trading/start", "/api/trading/stop", "/api/trading/pause", "/api/trading/resume", "/api/trading/emergency-stop",
        "/api/trading/clear-halt", "/api/positions/BTC-USD/close", "/api/risk/calculate-position-size", "/api/rr/calculate", "/api/options/greeks",
        "/api/options/analyze", "/api/config/scanner", "/api/config/sync-all", "/api/settings/sync-all", "/api/broker/test-connection",
        "/api/market-data/BTC-USD", "/api/gann-levels/BTC-USD", "/api/forecast/waves", "/api/agent/mode", "/api/agent/proposals/1/approve",
        "/api/agent/proposals/1/reject", "/api/ehlers/analyze", "/api/astro/analyze", "/api/gann/full-analysis", "/api/gann/angles", "/api/gann/box",
        "/api/gann/hexagon", "/api/gann/vibration-matrix", "/api/gann/supply-demand", "/api/cycles/analyze", "/api/scanner/scan", "/api/patterns/scan", "/api/alerts", "/api/alerts/send", "/api/alerts/config",
    ];

    private static readonly string[] HostileValues =
    [
        "\"\\ud800\"", "\"\\udfff\\ud800\"", "1e99999", "-1e99999", "7.9e28", "-7.9e28", "1e-99999", "NaN", "Infinity", "null", "true", "[]", "{}",
        "\"\"", "0", "-1", "\"../../etc/passwd\"", "\"BTC-USD\\u0000\"", "9223372036854775808", "[[[[[[[[[[1]]]]]]]]]]", "\"%FF%FE\"",
    ];

    private static readonly string[] FieldNames = ["symbol", "side", "quantity", "type", "order_type", "price", "stopLoss", "takeProfit", "time_in_force", "flatten", "symbols", "entryPrice", "accountBalance", "riskPercent", "mode", "target_mode", "x", "\\ud800", "date", "from", "to", "lookbackDays", "basePrice", "timeframe", "viewMode", "barsAhead", "levels", "daysAhead"];

    private LinkedSystem? _system;

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

    private HttpClient Http => _system!.Http;

    private async Task<(string, bool, int, int)> TradingState()
    {
        var status = await Http.GetFromJsonAsync<JsonElement>("/api/trading/status");
        var orders = await Http.GetFromJsonAsync<JsonElement>("/api/orders");
        var positions = await Http.GetFromJsonAsync<JsonElement>("/api/positions");
        return (status.GetProperty("state").GetString()!, status.GetProperty("kill_switch").GetBoolean(), orders.GetArrayLength(), positions.GetArrayLength());
    }

    [Test]
    public async Task Hostile_bodies_on_every_changing_route_never_give_a_server_error_or_change_the_trading_state()
    {
        var before = await TradingState();
        var random = new Random(Seed);
        var failures = new List<string>();
        var sent = 0;
        foreach (var route in ChangingRoutes)
        {
            for (var i = 0; i < BodiesPerRoute; i++)
            {
                var body = HostileBody(random);
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                var response = await Http.PostAsync(route, content);
                sent++;
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500 || text.Contains("   at ", StringComparison.Ordinal))
                {
                    failures.Add($"{route} {(int)response.StatusCode} body {Encoding.UTF8.GetString(body)[..Math.Min(200, body.Length)]}");
                }
            }
        }

        TestContext.Out.WriteLine($"fuzz: {sent} hostile bodies over {ChangingRoutes.Length} routes, {failures.Count} server errors");
        Assert.That(failures, Is.Empty);
        Assert.That(await TradingState(), Is.EqualTo(before), "no hostile body changed the trading state");
    }

    [Test]
    public async Task Hostile_paths_and_queries_never_give_a_server_error()
    {
        string[] paths =
        [
            "/api/orders/%FF", "/api/orders/..%2F..%2Fetc%2Fpasswd", "/api/orders/99999999999999999999999", "/api/orders/-1", "/api/positions/%ED%A0%80",
            "/api/positions/..%2F..%2F..%2Fetc%2Fpasswd", "/api/positions/BTC%00USD", "/api/market-data/%C3%28", "/api/signals/%FF%FE?limit=-5",
            "/api/signals/BTC-USD?limit=99999999999", "/api/orders?limit=abc", "/api/backtests/%2e%2e%2f%2e%2e", "/api/agent/regime?symbol=%ED%B0%80",
            "/api/positions/history?limit=-2147483649", "/api/audit?limit=1e9", "/api/market-data/" + new string('A', 8_000), "/api/../../etc/passwd",
            "/api/positions/%25%25%25", "/api/config/settings/load?x=%FF",
        ];
        var failures = new List<string>();
        foreach (var path in paths)
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete, HttpMethod.Post })
            {
                using var request = new HttpRequestMessage(method, path);
                var response = await Http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500 || text.Contains("   at ", StringComparison.Ordinal))
                {
                    failures.Add($"{method} {path[..Math.Min(80, path.Length)]} {(int)response.StatusCode}");
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }

    /// <summary>One hostile body: raw bytes, invalid UTF-8, or a JSON object with hostile fields (duplicates, deep nesting, long strings).</summary>
    private static byte[] HostileBody(Random random)
    {
        switch (random.Next(8))
        {
            case 0:
                var bytes = new byte[random.Next(1, 64)];
                random.NextBytes(bytes);
                return bytes;
            case 1:
                return [.. Encoding.UTF8.GetBytes("{\"symbol\":\""), 0xFF, 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")];
            case 2:
                var depth = random.Next(30, 400);
                return Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth));
            case 3:
                return Encoding.UTF8.GetBytes($"{{\"symbol\":\"{new string('x', random.Next(1_000, 200_000))}\"}}");
            default:
                var fields = new StringBuilder("{");
                var count = random.Next(1, 5);
                for (var i = 0; i < count; i++)
                {
                    var name = FieldNames[random.Next(FieldNames.Length)];
                    var value = HostileValues[random.Next(HostileValues.Length)];
                    fields.Append(i == 0 ? "" : ",").Append('"').Append(name).Append("\":").Append(value);
                    if (random.Next(4) == 0)
                    {
                        fields.Append(",\"").Append(name).Append("\":").Append(value); // a duplicate key
                    }
                }

                return Encoding.UTF8.GetBytes(fields.Append('}').ToString());
        }
    }
}
