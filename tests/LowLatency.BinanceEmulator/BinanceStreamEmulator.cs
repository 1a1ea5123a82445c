using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;

namespace LowLatency.BinanceEmulator;

/// <summary>
/// Binance's combined market streams (<c>/stream?streams=a/b</c>), user data streams (<c>/ws/&lt;listenKey&gt;</c>) and the WebSocket API's user data subscription (<c>/ws-api/v3</c>) on a free loopback port: records each
/// connection's streams, sends what a test gives it, pings, and drops a connection on request (a fault, or the
/// 24-hour cut).
/// </summary>
public sealed class BinanceStreamEmulator : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<string> _connectedStreams = new();
    private readonly SemaphoreSlim _connected = new(0);
    private readonly List<WebSocket> _open = [];
    private readonly HashSet<WebSocket> _wrapped = [];
    private WebSocket? _current;
    private HttpListenerContext? _context;

    public BinanceStreamEmulator()
    {
        Root = new Uri($"ws://127.0.0.1:{LoopbackListener.Start(_listener)}/");
        _ = Task.Run(() => LoopbackListener.AcceptAsync(_listener, ServeAsync));
    }

    public Uri Root { get; }

    /// <summary>Each connection's <c>streams</c> parameter, in order.</summary>
    public IReadOnlyCollection<string> ConnectedStreams => _connectedStreams;

    /// <summary>Waits for the next connection (counting those already made and not yet waited for).</summary>
    public bool WaitForConnection(TimeSpan timeout) => _connected.Wait(timeout);

    /// <summary>Sends to every open connection (each carries the same streams, as on Binance while a client hands over between two).</summary>
    public async Task SendAsync(string json)
    {
        (WebSocket Socket, bool Wrapped)[] open;
        lock (_open)
        {
            // a client may see its handshake complete a moment before the accept loop registers the socket
            var deadline = Environment.TickCount64 + 5_000;
            _open.RemoveAll(s => s.State != WebSocketState.Open);
            while (_open.Count == 0 && Environment.TickCount64 < deadline)
            {
                Monitor.Wait(_open, 50);
                _open.RemoveAll(s => s.State != WebSocketState.Open);
            }

            open = [.. _open.Select(s => (s, _wrapped.Contains(s)))];
        }

        if (open.Length == 0)
        {
            throw new InvalidOperationException("no client connected");
        }

        var bytes = Encoding.UTF8.GetBytes(json);
        var wrapped = Encoding.UTF8.GetBytes("{\"subscriptionId\":0,\"event\":" + json + "}");
        foreach (var (socket, isWrapped) in open)
        {
            try
            {
                await socket.SendAsync(isWrapped ? wrapped : bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
            {
                // that one is going; the others still get it
            }
        }
    }

    /// <summary>The account's key and HMAC secret the WebSocket API (<c>/ws-api/v3</c>) checks a subscription against.</summary>
    public (string ApiKey, string Secret)? WebSocketApiKey { get; set; }

    /// <summary>Connections open now.</summary>
    public int OpenConnections
    {
        get
        {
            lock (_open)
            {
                return _open.Count(s => s.State == WebSocketState.Open);
            }
        }
    }

    /// <summary>Ends the connection abruptly (no close handshake), as a network fault would.</summary>
    public void Drop()
    {
        _current?.Abort();
        _context?.Response.Abort(); // the socket under it: the client sees the connection end
    }

    public void Dispose()
    {
        Drop();
        _listener.Close();
        _connected.Dispose();
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        if ((path != "/stream" && path != "/ws-api/v3" && !path.StartsWith("/ws/", StringComparison.Ordinal)) || !context.Request.IsWebSocketRequest)
        {
            context.Response.StatusCode = 404;
            context.Response.Close();
            return;
        }

        var accepted = await context.AcceptWebSocketAsync(null, TimeSpan.FromSeconds(1));
        if (path == "/ws-api/v3")
        {
            _ = SubscribeAsync(accepted.WebSocket, context); // its request is read beside the accept loop
            return;
        }

        (_current, _context) = (accepted.WebSocket, context);
        lock (_open)
        {
            _open.Add(accepted.WebSocket);
            Monitor.PulseAll(_open);
        }

        _connectedStreams.Enqueue(path == "/stream" ? context.Request.QueryString["streams"] ?? "" : path[1..]); // a user data stream: ws/<listenKey>
        _connected.Release();
        _ = DrainAsync(accepted.WebSocket);
    }

    /// <summary>
    /// The WebSocket API's <c>userDataStream.subscribe.signature</c>: the request's <c>apiKey</c> and HMAC signature
    /// over <c>apiKey=…&amp;timestamp=…</c> checked against <see cref="WebSocketApiKey"/>, answered as documented
    /// (status 200 and a subscription id, or the error with <c>-2015</c>/<c>-1022</c>); a subscribed connection then
    /// gets every event wrapped in <c>{"subscriptionId":0,"event":…}</c>.
    /// </summary>
    private async Task SubscribeAsync(WebSocket socket, HttpListenerContext context)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
            using var request = System.Text.Json.JsonDocument.Parse(buffer.AsMemory(0, received.Count));
            var id = request.RootElement.GetProperty("id").GetString();
            var parameters = request.RootElement.GetProperty("params");
            var apiKey = parameters.GetProperty("apiKey").GetString();
            var payload = $"apiKey={apiKey}&timestamp={parameters.GetProperty("timestamp").GetInt64()}";
            var (status, code, message) = WebSocketApiKey is not { } keys || apiKey != keys.ApiKey ? (401, -2015, "Invalid API-key, IP, or permissions for action.")
                : LowLatency.Binance.BinanceSignature.HmacSha256(keys.Secret, payload) != parameters.GetProperty("signature").GetString() ? (400, -1022, "Signature for this request is not valid.")
                : (200, 0, "");
            var answer = status == 200
                ? $$"""{"id":"{{id}}","status":200,"result":{"subscriptionId":0}""" + "}"
                : $$"""{"id":"{{id}}","status":{{status}},"error":{"code":{{code}},"msg":"{{message}}"}""" + "}";
            if (status == 200)
            {
                // registered before the answer goes: a client that announces itself on the answer can be sent to at once
                (_current, _context) = (socket, context);
                lock (_open)
                {
                    _open.Add(socket);
                    _wrapped.Add(socket);
                    Monitor.PulseAll(_open);
                }

                _connectedStreams.Enqueue("ws-api/v3");
            }

            await socket.SendAsync(Encoding.UTF8.GetBytes(answer), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            if (status != 200)
            {
                return;
            }

            _connected.Release();
            await DrainAsync(socket);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // the client went, or sent what is not a subscription
        }
    }

    private static async Task DrainAsync(WebSocket socket)
    {
        var buffer = new byte[4096];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                await socket.ReceiveAsync(buffer, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // the client went, or the test dropped it
        }
    }
}
