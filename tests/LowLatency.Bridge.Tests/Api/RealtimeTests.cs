using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LowLatency.Bridge.Tests.Support;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>The real-time feeds against a running engine: the npm socket.io-client, raw Engine.IO, the native WebSocket.</summary>
[NonParallelizable]
public sealed class RealtimeTests
{
    private LinkedSystem? _system;

    private Uri Base => _system!.Http.BaseAddress!;

    private HttpClient Http => _system!.Http;

    [OneTimeSetUp]
    public async Task StartBoth() => _system = await LinkedSystem.StartAsync("--Bridge:Realtime:PingIntervalMs=300", "--Bridge:Realtime:PingTimeoutMs=300");

    [OneTimeTearDown]
    public async Task StopBoth()
    {
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }
    }

    [TestCase("/")]
    [TestCase("/ws")]
    public void The_npm_socket_io_client_gets_price_updates_for_each_alias_exactly_as_subscribed(string ns)
    {
        var (code, events) = SocketIoClient.Subscribe(Base, ns, 3, "BTC-USD", "BTCUSDT");
        Assert.That(code, Is.Zero, string.Join("\n", events.Select(e => $"{e.Event} {e.Data}")));
        Assert.That(events.Single(e => e.Event == "connected").Data.GetProperty("status").GetString(), Is.EqualTo("connected"));
        Assert.That(events.Where(e => e.Event == "subscribed").Select(e => (e.Data.GetProperty("symbol").GetString(), e.Data.GetProperty("status").GetString())),
            Is.EquivalentTo(new[] { ("BTC-USD", "active"), ("BTCUSDT", "active") }));
        var updates = events.Where(e => e.Event == "price_update").Select(e => e.Data).ToList();
        foreach (var symbol in new[] { "BTC-USD", "BTCUSDT" })
        {
            Assert.That(updates.Count(u => u.GetProperty("symbol").GetString() == symbol), Is.GreaterThanOrEqualTo(3), symbol);
        }

        var update = updates[0];
        foreach (var field in new[] { "price", "open", "high", "low", "volume", "change", "changePercent" })
        {
            Assert.That(update.GetProperty(field).ValueKind, Is.EqualTo(JsonValueKind.Number), field);
        }

        Assert.That(update.GetProperty("timestamp").GetString(), Does.EndWith("Z"));
        Assert.That(update.GetProperty("source").GetString(), Is.EqualTo("simulator"), "the simulator prices these instruments, and says so");
    }

    [Test]
    public async Task Engine_io_handshake_ping_pong_namespaces_and_a_client_that_stops_ponging()
    {
        using var client = await FeedClient.ConnectAsync(Base, "/socket.io/?EIO=4&transport=websocket");
        var open = await client.ReceiveAsync();
        Assert.That(open, Does.StartWith("0{"));
        var handshake = JsonDocument.Parse(open![1..]).RootElement;
        Assert.That((handshake.GetProperty("pingInterval").GetInt32(), handshake.GetProperty("pingTimeout").GetInt32()), Is.EqualTo((300, 300)));
        Assert.That(handshake.GetProperty("upgrades").GetArrayLength(), Is.Zero);

        await client.SendAsync("40/nope,");
        Assert.That(await client.ReceiveAsync(), Does.StartWith("44/nope,"));
        await client.SendAsync("40/ws,");
        Assert.That(await client.ReceiveAsync(), Does.StartWith("40/ws,{\"sid\":"));
        Assert.That(await client.ReceiveAsync(), Does.StartWith("42/ws,[\"connected\","));
        await client.SendAsync("42/ws,7[\"subscribe\",{\"symbol\":\"DOGE\"}]");
        Assert.That(await client.ReceiveAsync(), Does.StartWith("42/ws,[\"error\",").And.Contain("unknown symbol 'DOGE'"));
        Assert.That(await client.ReceiveAsync(), Is.EqualTo("43/ws,7[{\"error\":\"unknown symbol 'DOGE'\"}]"));

        // The server pings; answered pings keep the connection, then silence closes it.
        Assert.That(await NextNonPrice(client), Is.EqualTo("2"));
        await client.SendAsync("3");
        Assert.That(await NextNonPrice(client), Is.EqualTo("2"));
        string? message;
        do
        {
            message = await client.ReceiveAsync(5);
        }
        while (message is not null);
        Assert.That(client.State, Is.Not.EqualTo(System.Net.WebSockets.WebSocketState.Open), "closed after pingInterval + pingTimeout without a pong");
    }

    private static async Task<string?> NextNonPrice(FeedClient client)
    {
        while (true)
        {
            var message = await client.ReceiveAsync();
            if (message is null || !message.StartsWith("42", StringComparison.Ordinal))
            {
                return message;
            }
        }
    }

    [Test]
    public async Task Polling_and_garbage_are_refused()
    {
        var polling = await Http.GetAsync("/socket.io/?EIO=4&transport=polling");
        Assert.That(polling.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(polling.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));

        using var client = await FeedClient.ConnectAsync(Base, "/socket.io/?EIO=4&transport=websocket");
        Assert.That(await client.ReceiveAsync(), Does.StartWith("0{"));
        await client.SendAsync("hello?");
        Assert.That(await client.ReceiveAsync(), Is.Null, "closed for a packet that is not Engine.IO");
    }

    [Test]
    public async Task Native_feed_prices_candles_and_trading_events()
    {
        using var client = await FeedClient.ConnectAsync(Base, "/ws/price-feed");
        Assert.That((await client.NextEventAsync("connected")).GetProperty("status").GetString(), Is.EqualTo("connected"));
        await client.SendAsync("""{"type":"subscribe","symbols":["BTC/USDT"],"timeframes":["1m"],"channels":["orders","fills","positions","status"]}""");
        Assert.That((await client.NextEventAsync("subscribed")).GetProperty("symbol").GetString(), Is.EqualTo("BTC/USDT"));
        Assert.That((await client.NextEventAsync("price_update")).GetProperty("symbol").GetString(), Is.EqualTo("BTC/USDT"));
        var candle = await client.NextEventAsync("candle_update");
        Assert.That((candle.GetProperty("symbol").GetString(), candle.GetProperty("timeframe").GetString()), Is.EqualTo(("BTC/USDT", "1m")));
        Assert.That(candle.GetProperty("date").GetString(), Has.Length.EqualTo(10));
        Assert.That(candle.GetProperty("low").GetDouble(), Is.LessThanOrEqualTo(candle.GetProperty("high").GetDouble()));

        var order = await Http.PostAsync("/api/orders", new StringContent("""{"symbol":"BTC-USD","side":"BUY","quantity":0.01}""", Encoding.UTF8, "application/json"));
        Assert.That(order.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.NextEventAsync("order_update")).GetProperty("symbol").GetString(), Is.EqualTo("BTC-USD"));
        var fill = await client.NextEventAsync("fill");
        Assert.That(fill.GetProperty("side").GetString(), Is.EqualTo("BUY"));
        Assert.That(fill.GetProperty("quantity").GetDecimal(), Is.GreaterThan(0m));
        Assert.That((await client.NextEventAsync("position_update")).GetProperty("symbol").GetString(), Is.EqualTo("BTC-USD"));
        await Http.PostAsync("/api/positions/BTC-USD/close", new StringContent("{}", Encoding.UTF8, "application/json"));
        await Http.PostAsync("/api/trading/pause", new StringContent("", Encoding.UTF8, "application/json"));
        Assert.That((await client.NextEventAsync("trading_status")).GetProperty("state").GetString(), Is.EqualTo("paused"));
        await Http.PostAsync("/api/trading/resume", new StringContent("", Encoding.UTF8, "application/json"));
        Assert.That((await client.NextEventAsync("trading_status")).GetProperty("state").GetString(), Is.EqualTo("running"));

        await client.SendAsync("""{"type":"subscribe","symbols":["DOGE"]}""");
        Assert.That((await client.NextEventAsync("error")).GetProperty("message").GetString(), Does.Contain("DOGE"));
        await client.SendAsync("{not json");
        Assert.That((await client.NextEventAsync("error")).GetProperty("message").GetString(), Does.Contain("malformed JSON"));
        await client.SendAsync("""{"type":"ping"}""");
        Assert.That((await client.NextEventAsync("pong")).GetProperty("timestamp").GetString(), Does.EndWith("Z"));
    }

    [Test]
    public async Task A_client_that_never_reads_does_not_delay_one_that_does()
    {
        using var slow = await FeedClient.ConnectAsync(Base, "/ws/price-feed");
        await slow.SendAsync("""{"type":"subscribe","symbols":["BTC-USD","ETH-USD","BNBUSDT","EURUSD","GBPUSD","USDJPY","XAUUSD","US500"],"timeframes":["1m","5m","1h"]}""");
        using var fast = await FeedClient.ConnectAsync(Base, "/ws/price-feed");
        await fast.SendAsync("""{"type":"subscribe","symbols":["BTC-USD"]}""");
        await fast.NextEventAsync("subscribed");
        var timestamps = new List<DateTimeOffset>();
        var started = DateTime.UtcNow;
        for (var i = 0; i < 40; i++)
        {
            var update = await fast.NextEventAsync("price_update", 5);
            timestamps.Add(DateTimeOffset.Parse(update.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        }

        // 40 updates at the engine's quote rate (50/s in these tests, fewer when BTC does not move): seconds, not more.
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(timestamps, Is.Ordered, "conflation keeps the order");
    }

    [Test]
    public async Task A_client_that_stops_reading_is_disconnected_in_seconds_because_its_send_buffer_is_bounded()
    {
        // The stuck client's own receive buffer is small too, as a far-away client's full window would be.
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { ReceiveBufferSize = 4096, NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        using var invoker = new HttpMessageInvoker(handler);
        using var stuck = new System.Net.WebSockets.ClientWebSocket();
        var uri = new Uri(Base.ToString().Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + "/ws/price-feed");
        await stuck.ConnectAsync(uri, invoker, CancellationToken.None);
        var subscribe = """{"type":"subscribe","symbols":["BTC-USD","ETH-USD","BNBUSDT","EURUSD","GBPUSD","USDJPY","XAUUSD","US500"],"timeframes":["1m","5m","15m","1h","4h","1d"]}""";
        await stuck.SendAsync(Encoding.UTF8.GetBytes(subscribe), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None);

        // It keeps talking but never reads: once the server gives up on it, its own sends fail.
        var started = DateTime.UtcNow;
        var ping = Encoding.UTF8.GetBytes("""{"type":"ping"}""");
        while (true)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await stuck.SendAsync(ping, System.Net.WebSockets.WebSocketMessageType.Text, true, timeout.Token);
            }
            catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or OperationCanceledException or IOException)
            {
                break;
            }

            // Unbounded, the kernel would buffer megabytes first and the client would hang on for most of a minute.
            Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(30)), "the stuck client is disconnected");
            await Task.Delay(100);
        }
    }

    [Test]
    public async Task Websocket_handshakes_check_the_origin()
    {
        using (var allowed = await FeedClient.ConnectAsync(Base, "/ws/price-feed", "http://localhost:8080"))
        {
            Assert.That((await allowed.NextEventAsync("connected")).GetProperty("status").GetString(), Is.EqualTo("connected"));
        }

        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(async () => (await FeedClient.ConnectAsync(Base, "/ws/price-feed", "http://evil.example")).Dispose());
        Assert.That(refused!.Message, Does.Contain("403"));
    }

    [Test]
    public async Task Cors_preflight_from_the_dev_server_is_allowed_and_others_are_not()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/orders");
        preflight.Headers.Add("Origin", "http://localhost:8080");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        var response = await Http.SendAsync(preflight);
        Assert.That((int)response.StatusCode, Is.InRange(200, 204));
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "http://localhost:8080" }));
        Assert.That(string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")), Does.Contain("POST").And.Contain("DELETE"));
        Assert.That(string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")), Does.Contain("Content-Type").IgnoreCase);

        using var other = new HttpRequestMessage(HttpMethod.Options, "/api/orders");
        other.Headers.Add("Origin", "http://evil.example");
        other.Headers.Add("Access-Control-Request-Method", "POST");
        var refused = await Http.SendAsync(other);
        Assert.That(refused.Headers.Contains("Access-Control-Allow-Origin"), Is.False);

        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        get.Headers.Add("Origin", "http://127.0.0.1:5173");
        var simple = await Http.SendAsync(get);
        Assert.That(simple.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "http://127.0.0.1:5173" }));
        _ = await simple.Content.ReadFromJsonAsync<JsonElement>();
    }
}
