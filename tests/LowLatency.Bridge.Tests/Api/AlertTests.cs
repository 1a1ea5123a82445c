using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using LowLatency.Bridge.Alerts;
using LowLatency.Bridge.Tests.Support;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>
/// Alerts through a real bridge: rules created, listed, kept across a restart and deleted; a sent alert pushed to a
/// real WebSocket client and to the npm socket.io-client, and kept in the history; webhooks against a local HTTP listener, retried with back-off, and
/// a hanging webhook that does not hold up another.
/// </summary>
[NonParallelizable]
public sealed class AlertTests
{
    [Test]
    public async Task Rules_are_created_listed_kept_and_deleted()
    {
        var data = Directory.CreateTempSubdirectory("ll-alerts-").FullName;
        string id;
        await using (var bridge = await BridgeProcess.StartAsync(Paths.FreePort(), $"--Bridge:DataDirectory={data}"))
        {
            var (status, rule) = await JsonPost.SendAsync(bridge.Http, "/api/alerts", """{"kind":"price_cross","symbol":"BTC-USD","level":70000,"direction":"above"}""");
            Assert.That(status, Is.EqualTo(HttpStatusCode.Created), rule.ToString());
            id = rule.GetProperty("id").GetString()!;
            Assert.That(rule.GetProperty("kind").GetString(), Is.EqualTo("price_cross"));
            Assert.That((await JsonPost.SendAsync(bridge.Http, "/api/alerts", """{"kind":"indicator","symbol":"ETH-USD","indicator":"rsi14","threshold":70}""")).Status, Is.EqualTo(HttpStatusCode.Created));
        }

        await using (var again = await BridgeProcess.StartAsync(Paths.FreePort(), $"--Bridge:DataDirectory={data}"))
        {
            var list = await again.Http.GetFromJsonAsync<JsonElement>("/api/alerts");
            Assert.That(list.GetProperty("count").GetInt32(), Is.EqualTo(2), "rules survive a restart");
            using var deleted = await again.Http.DeleteAsync($"/api/alerts/{id}");
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await again.Http.GetFromJsonAsync<JsonElement>("/api/alerts")).GetProperty("count").GetInt32(), Is.EqualTo(1));
            using var missing = await again.Http.DeleteAsync($"/api/alerts/{id}");
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
    }

    [Test]
    public async Task A_sent_alert_reaches_a_websocket_client_and_the_history()
    {
        await using var bridge = await BridgeProcess.StartAsync(Paths.FreePort());
        using var socket = new ClientWebSocket();
        var ws = new UriBuilder(bridge.Http.BaseAddress!) { Scheme = "ws", Path = "/ws/price-feed" }.Uri;
        await socket.ConnectAsync(ws, CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("""{"type":"subscribe","channels":["alerts"]}"""), WebSocketMessageType.Text, true, CancellationToken.None);
        await Receive(socket, "subscribed");

        var (status, sent) = await JsonPost.SendAsync(bridge.Http, "/api/alerts/send", """{"type":"note","message":"hello traders","channels":["websocket"]}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), sent.ToString());
        var pushed = await Receive(socket, "hello traders");
        Assert.That(pushed, Does.Contain("\"alert\""));
        var history = await bridge.Http.GetFromJsonAsync<JsonElement>("/api/alerts/history");
        Assert.That(history.GetProperty("alerts")[0].GetProperty("message").GetString(), Is.EqualTo("hello traders"));

        // And the frontend's own library, socket.io-client, on the Socket.IO endpoint.
        var received = await SocketIoClient.WaitForEventAsync(bridge.Http.BaseAddress!, "alerts", "alert", async () =>
            Assert.That((await JsonPost.SendAsync(bridge.Http, "/api/alerts/send", """{"message":"over socket.io"}""")).Status, Is.EqualTo(HttpStatusCode.OK)));
        Assert.That(received.GetProperty("message").GetString(), Is.EqualTo("over socket.io"));
    }

    [Test]
    public async Task A_webhook_is_retried_with_backoff_and_a_hanging_one_blocks_nothing()
    {
        using var flaky = new LocalListener(failures: 2);
        using var hanging = new LocalListener(failures: 0, hang: true);
        using var http = new HttpClient();
        var sender = new WebhookSender(http);
        using var stop = new CancellationTokenSource();
        var stuck = sender.SendAsync(hanging.Url, "{}", stop.Token);
        var (delivered, attempts, last) = await sender.SendAsync(flaky.Url, """{"x":1}""", CancellationToken.None);
        Assert.That((delivered, attempts, last), Is.EqualTo((true, 3, "HTTP 200")));
        Assert.That(flaky.Bodies, Has.Count.EqualTo(3));
        Assert.That(flaky.Bodies, Is.All.EqualTo("""{"x":1}"""));
        Assert.That(stuck.IsCompleted, Is.False, "the hanging webhook is still waiting, and did not hold the other up");
        stop.Cancel();
        Assert.That(async () => await stuck, Throws.InstanceOf<OperationCanceledException>());

        await using var bridge = await BridgeProcess.StartAsync(Paths.FreePort());
        using var good = new LocalListener(failures: 0);
        var (status, test) = await JsonPost.SendAsync(bridge.Http, "/api/alerts/test/webhook", $$"""{"webhookUrl":"{{good.Url}}"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), test.ToString());
        Assert.That(test.GetProperty("delivered").GetBoolean(), Is.True);
        Assert.That(good.Bodies.Single(), Does.Contain("test of the webhook channel"));
    }

    [TestCase("/api/alerts", """{"symbol":"BTC-USD","level":1}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/alerts", """{"kind":"price_cross","symbol":"BTC-USD"}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/alerts", """{"kind":"indicator","symbol":"BTC-USD","indicator":"astrology","threshold":1}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/alerts", """{"kind":"price_cross","symbol":"BTC-USD","level":1,"channels":["pigeon"]}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/alerts", """{"kind":"price_cross","symbol":"BTC-USD","level":1,"channels":["webhook"]}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/alerts", """{"kind":"telepathy"}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/alerts", """{"kind":"risk_event","colour":"red"}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/alerts/send", """{"message":""}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/alerts/config", """{"webhookUrl":"ftp://x"}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/alerts/test/pigeon", "{}", HttpStatusCode.NotFound)]
    public async Task Bad_requests_are_problems(string path, string body, HttpStatusCode expected)
    {
        await using var bridge = await BridgeProcess.StartAsync(Paths.FreePort());
        var (status, problem) = await JsonPost.SendAsync(bridge.Http, path, body);
        Assert.That(status, Is.EqualTo(expected), problem.ToString());
        Assert.That(problem.GetProperty("error").GetString(), Is.Not.Empty);
    }

    private static async Task<string> Receive(ClientWebSocket socket, string containing)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            var text = Encoding.UTF8.GetString(buffer, 0, result.Count);
            if (text.Contains(containing, StringComparison.Ordinal))
            {
                return text;
            }
        }
    }

    /// <summary>A loopback HTTP listener that answers 500 to the first <c>failures</c> requests, then 200 (or never, when hanging).</summary>
    private sealed class LocalListener : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly CancellationTokenSource _stop = new();
        private int _seen;

        public LocalListener(int failures, bool hang = false)
        {
            var port = Paths.FreePort();
            Url = $"http://127.0.0.1:{port}/hook/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }

                    using var reader = new StreamReader(context.Request.InputStream);
                    var body = await reader.ReadToEndAsync();
                    lock (Bodies)
                    {
                        Bodies.Add(body);
                    }

                    if (hang)
                    {
                        continue;
                    }

                    context.Response.StatusCode = Interlocked.Increment(ref _seen) <= failures ? 500 : 200;
                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public List<string> Bodies { get; } = [];

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Close();
            _stop.Dispose();
        }
    }
}
