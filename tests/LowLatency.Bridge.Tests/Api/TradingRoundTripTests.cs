using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LowLatency.Bridge.Tests.Support;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>Engine and bridge in this process, each on its own threads and sockets; every request over real HTTP.</summary>
[NonParallelizable]
public sealed class TradingRoundTripTests
{
    private LinkedSystem? _system;

    private HttpClient Http => _system!.Http;

    [OneTimeSetUp]
    public async Task StartBoth() => _system = await LinkedSystem.StartAsync();

    [OneTimeTearDown]
    public async Task StopBoth()
    {
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> Post(string path, string body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await Json(await Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json")), expected);

    private async Task<JsonElement> Get(string path, HttpStatusCode expected = HttpStatusCode.OK) => await Json(await Http.GetAsync(path), expected);

    private async Task WaitForOrderStatus(string id, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await Get($"/api/orders/{id}")).GetProperty("status").GetString() != status)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"order {id} {status}");
            await Task.Delay(10);
        }
    }

    private async Task<JsonElement> WaitForPosition(string symbol, bool open)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await Http.GetAsync($"/api/positions/{symbol}");
            if ((response.StatusCode == HttpStatusCode.OK) == open)
            {
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            }

            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"position {symbol} open={open}");
            await Task.Delay(10);
        }
    }

    [Test]
    public async Task Health_and_config_have_every_field()
    {
        var health = await Get("/api/health");
        Assert.That(health.GetProperty("status").GetString(), Is.EqualTo("healthy"));
        Assert.That(health.GetProperty("config_loaded").GetBoolean(), Is.True);
        Assert.That(health.GetProperty("engine_connected").GetBoolean(), Is.True);
        Assert.That(health.GetProperty("timestamp").GetString(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));
        Assert.That(health.GetProperty("live_bot_status").GetProperty("running").ValueKind, Is.EqualTo(JsonValueKind.True));

        var config = await Get("/api/config");
        Assert.That(config.GetProperty("instruments").EnumerateArray().Select(i => i.GetProperty("symbol").GetString()), Does.Contain("BTC-USD").And.Contain("US500"));
        Assert.That(config.GetRawText(), Does.Not.Contain("secret").IgnoreCase.And.Not.Contain("apiKey").IgnoreCase);
    }

    [Test]
    public async Task Status_has_the_frontend_shape()
    {
        var status = await Get("/api/trading/status");
        Assert.That(status.GetProperty("running").ValueKind, Is.AnyOf(JsonValueKind.True, JsonValueKind.False));
        Assert.That(status.GetProperty("paused").ValueKind, Is.AnyOf(JsonValueKind.True, JsonValueKind.False));
        Assert.That(status.GetProperty("symbols").GetArrayLength(), Is.EqualTo(8));
        Assert.That(status.GetProperty("active_trades").ValueKind, Is.EqualTo(JsonValueKind.Number));
        foreach (var field in new[] { "trades", "wins", "losses", "pnl", "max_drawdown" })
        {
            Assert.That(status.GetProperty("daily_stats").GetProperty(field).ValueKind, Is.EqualTo(JsonValueKind.Number), field);
        }

        Assert.That(status.GetProperty("paper_balance").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(status.GetProperty("positions").ValueKind, Is.EqualTo(JsonValueKind.Array));
    }

    [Test]
    public async Task Pause_resume_stop_start_move_the_engine_state()
    {
        Assert.That((await Post("/api/trading/pause", "")).GetProperty("state").GetProperty("paused").GetBoolean(), Is.True);
        Assert.That((await Post("/api/trading/resume", "")).GetProperty("state").GetProperty("running").GetBoolean(), Is.True);
        var stopped = await Post("/api/trading/stop", "");
        Assert.That((stopped.GetProperty("success").GetBoolean(), stopped.GetProperty("state").GetProperty("state").GetString()), Is.EqualTo((true, "stopped")));
        var started = await Post("/api/trading/start", """{"symbols":["BTC-USD","ETHUSDT"]}""");
        Assert.That(started.GetProperty("state").GetProperty("running").GetBoolean(), Is.True);
        Assert.That(started.GetProperty("message").GetString(), Is.EqualTo("Trading started"));
        await Post("/api/trading/start", """{"symbols":["DOGE"]}""", HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Strategies_show_the_engine_running_them()
    {
        await Post("/api/trading/start", "");
        var list = await Http.GetFromJsonAsync<JsonElement>("/api/strategies");
        var mama = list.GetProperty("strategies").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "mama-fama-btc");
        var live = mama.GetProperty("live");
        Assert.That((live.GetProperty("engineConnected").GetBoolean(), live.GetProperty("running").GetBoolean()), Is.EqualTo((true, true)));
        Assert.That(live.GetProperty("signalsToday").GetInt32(), Is.GreaterThanOrEqualTo(0));
        Assert.That(live.GetProperty("pnlToday").ValueKind, Is.EqualTo(JsonValueKind.Number));
    }

    [Test]
    public async Task A_rejected_order_fires_a_risk_alert_from_the_live_stream()
    {
        await Post("/api/trading/start", "");
        var rule = await Post("/api/alerts", """{"kind":"risk_event","name":"rejections","cooldownSeconds":0}""", HttpStatusCode.Created);
        Assert.That(rule.GetProperty("id").GetString(), Is.Not.Empty);
        var rejected = await Http.PostAsync("/api/orders", new StringContent("""{"symbol":"BTC-USD","side":"BUY","quantity":50}""", Encoding.UTF8, "application/json"));
        Assert.That((int)rejected.StatusCode, Is.InRange(400, 499), "beyond maxOrderQuantity");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var history = await Http.GetFromJsonAsync<JsonElement>("/api/alerts/history");
            if (history.GetProperty("alerts").EnumerateArray().Any(a => a.GetProperty("message").GetString()!.Contains("rejected", StringComparison.Ordinal)))
            {
                break;
            }

            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"no rejection alert: {history}");
            await Task.Delay(50);
        }
    }

    [Test]
    public async Task Order_fill_position_close_history_through_http_only()
    {
        await Post("/api/trading/start", "");
        var created = await Post("/api/orders", """{"symbol":"BTCUSDT","side":"BUY","quantity":0.05}""");
        var order = created.GetProperty("order");
        Assert.That((order.GetProperty("symbol").GetString(), order.GetProperty("side").GetString(), order.GetProperty("type").GetString()), Is.EqualTo(("BTCUSDT", "BUY", "market")));
        Assert.That(order.GetProperty("quantity").GetDecimal(), Is.EqualTo(0.05m));
        var id = order.GetProperty("orderId").GetString();

        await WaitForOrderStatus(id!, "filled"); // partial fills first, possibly
        var position = await WaitForPosition("BTC/USDT", open: true);
        Assert.That((position.GetProperty("symbol").GetString(), position.GetProperty("side").GetString(), position.GetProperty("quantity").GetDecimal()), Is.EqualTo(("BTC/USDT", "BUY", 0.05m)));
        foreach (var field in new[] { "entryPrice", "currentPrice", "unrealizedPnL", "realizedPnL" })
        {
            Assert.That(position.GetProperty(field).ValueKind, Is.EqualTo(JsonValueKind.Number), field);
        }

        var filled = await Get($"/api/orders/{id}");
        Assert.That((filled.GetProperty("filledQuantity").GetDecimal(), filled.GetProperty("averagePrice").ValueKind), Is.EqualTo((0.05m, JsonValueKind.Number)));
        Assert.That((await Get("/api/orders")).EnumerateArray().Select(o => o.GetProperty("orderId").GetString()), Does.Contain(id));
        Assert.That((await Get("/api/positions")).EnumerateArray().Select(p => p.GetProperty("symbol").GetString()), Does.Contain("BTC-USD"));

        var closed = await Post($"/api/positions/{position.GetProperty("id").GetString()}/close", """{"symbol":"BTC-USD"}""");
        Assert.That(closed.GetProperty("success").GetBoolean(), Is.True);
        await WaitForPosition("BTC-USD", open: false);
        var history = await Get("/api/positions/history");
        var btc = history.EnumerateArray().Where(t => t.GetProperty("symbol").GetString() == "BTC-USD").ToList();
        Assert.That(btc.Select(t => t.GetProperty("side").GetString()), Is.All.EqualTo("BUY"));
        Assert.That(btc.Sum(t => t.GetProperty("quantity").GetDecimal()), Is.EqualTo(0.05m), "the closing fills (partial fills allowed) add up to the position");

        var summary = await Get("/api/portfolio/summary");
        Assert.That(summary.GetProperty("openPositions").GetInt32(), Is.Zero);
        Assert.That(summary.GetProperty("accountBalance").GetDecimal(), Is.Not.EqualTo(100_000m), "fees and P&L reached the balance");
        var metrics = await Get("/api/risk/metrics");
        Assert.That(metrics.GetProperty("dailyStats").GetProperty("trades").GetInt32(), Is.Positive);
    }

    [Test]
    public async Task A_resting_limit_order_is_listed_and_cancelled()
    {
        await Post("/api/trading/start", "");
        // 1 % under the market: inside the 5 % price band, far enough not to fill at once.
        var price = await CurrentBid("ETH-USD") * 0.99m;
        var created = await Post("/api/orders", $$"""{"symbol":"ETH-USD","side":"BUY","quantity":1,"type":"limit","price":{{decimal.Round(price, 2)}}}""");
        var id = created.GetProperty("order").GetProperty("orderId").GetString();
        Assert.That(created.GetProperty("order").GetProperty("status").GetString(), Is.EqualTo("accepted"));
        var cancelled = await Json(await Http.DeleteAsync($"/api/orders/{id}"), HttpStatusCode.OK);
        Assert.That(cancelled.GetProperty("cancelled_order").GetProperty("status").GetString(), Is.EqualTo("cancelled"));
        await Json(await Http.DeleteAsync($"/api/orders/{id}"), HttpStatusCode.Conflict);
        await Json(await Http.DeleteAsync("/api/orders/987654"), HttpStatusCode.NotFound);
    }

    private async Task<decimal> CurrentBid(string symbol)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await Http.GetAsync($"/api/market-data/{symbol}/latest");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("bid").GetDecimal();
            }

            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"a quote for {symbol}");
            await Task.Delay(10);
        }
    }

    [Test]
    public async Task Latest_price_has_the_price_update_shape_for_every_alias()
    {
        foreach (var symbol in new[] { "BTC-USD", "BTCUSDT", "BTC/USDT" })
        {
            await CurrentBid(symbol);
            var latest = await Get($"/api/market-data/{symbol}/latest");
            Assert.That(latest.GetProperty("symbol").GetString(), Is.EqualTo(symbol));
            foreach (var field in new[] { "price", "open", "high", "low", "volume", "change", "changePercent" })
            {
                Assert.That(latest.GetProperty(field).ValueKind, Is.EqualTo(JsonValueKind.Number), field);
            }

            Assert.That(latest.GetProperty("low").GetDecimal(), Is.LessThanOrEqualTo(latest.GetProperty("high").GetDecimal()));
        }

        await Get("/api/market-data/DOGE/latest", HttpStatusCode.NotFound);
    }

    [TestCase("""{"symbol":"BTC-USD","side":"BUY"}""", "quantity")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":-1}""", "positive")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":0}""", "positive")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":"NaN"}""", "number")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":1e300}""", "range")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":99999999999999999}""", "out of range")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":0.00001}""", "whole number of lots")]
    [TestCase("""{"symbol":"BTC-USD","side":"HOLD","quantity":1}""", "side")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":1,"type":"limit"}""", "price")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":1,"type":"iceberg"}""", "type")]
    [TestCase("""{"symbol":42,"side":"BUY","quantity":1}""", "string")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":1,"time_in_force":"GTX"}""", "time_in_force")]
    [TestCase("""{"symbol":"BTC-USD","side":"BUY","quantity":1,"stopLoss":-5}""", "positive")]
    [TestCase("""{"symbol":"BTC-USD" "side":"BUY"}""", "malformed JSON")]
    [TestCase("""[1,2,3]""", "JSON object")]
    public async Task Bad_orders_get_a_400_problem_and_change_nothing(string body, string mentions)
    {
        var before = (await Get("/api/trading/status")).GetProperty("engine_sequence").GetInt64();
        var response = await Http.PostAsync("/api/orders", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await Json(response, HttpStatusCode.BadRequest);
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(problem.GetProperty("error").GetString(), Does.Contain(mentions));
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(400));
        Assert.That((await Get("/api/trading/status")).GetProperty("engine_sequence").GetInt64(), Is.EqualTo(before), "no command reached the engine");
    }

    [Test]
    public async Task Unknown_symbols_are_404_problems()
    {
        await Post("/api/orders", """{"symbol":"DOGEUSDT","side":"BUY","quantity":1}""", HttpStatusCode.NotFound);
        await Get("/api/positions/DOGEUSDT", HttpStatusCode.NotFound);
        await Get("/api/orders/abc", HttpStatusCode.NotFound);
        var missing = await Get("/api/no-such-route", HttpStatusCode.NotFound);
        Assert.That(missing.GetProperty("error").GetString(), Does.Contain("no route"));
    }

    [Test]
    public async Task A_10_mb_body_is_refused_with_a_413_problem()
    {
        var huge = "{\"symbol\":\"" + new string('x', 10 * 1024 * 1024) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true; // the server answers before the body is sent
        var response = await Http.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(413));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), Does.Contain("larger"));
    }

    [TestCase("""{"accountBalance":100000,"riskPercent":2,"entryPrice":50000,"stopLoss":49000}""", 2000, 1000, 2)]
    [TestCase("""{"entryPrice":100,"stopLoss":110}""", 1000, 10, 100)]
    public async Task Position_size_calculator_follows_the_formula(string body, decimal risk, decimal distance, decimal size)
    {
        var result = await Post("/api/risk/calculate-position-size", body);
        Assert.That((result.GetProperty("riskAmount").GetDecimal(), result.GetProperty("stopDistance").GetDecimal(), result.GetProperty("positionSize").GetDecimal()), Is.EqualTo((risk, distance, size)));
    }

    [TestCase("""{"entryPrice":100,"stopLoss":100}""")]
    [TestCase("""{"entryPrice":-1,"stopLoss":100}""")]
    [TestCase("""{"stopLoss":100}""")]
    [TestCase("""{"entryPrice":100,"stopLoss":90,"riskPercent":"two"}""")]
    public async Task Position_size_calculator_refuses_nonsense(string body) =>
        await Post("/api/risk/calculate-position-size", body, HttpStatusCode.BadRequest);
}
