using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;

namespace LowLatency.BinanceEmulator;

/// <summary>
/// Binance's combined market streams (<c>/stream?streams=a/b</c>) and user data streams (<c>/ws/&lt;listenKey&gt;</c>) on a free loopback port: records each
/// connection's streams, sends what a test gives it, pings, and drops a connection on request (a fault, or the
/// 24-hour cut).
/// </summary>
public sealed class BinanceStreamEmulator : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<string> _connectedStreams = new();
    private readonly SemaphoreSlim _connected = new(0);
    private readonly List<WebSocket> _open = [];
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
        WebSocket[] open;
        lock (_open)
        {
            _open.RemoveAll(s => s.State != WebSocketState.Open);
            open = [.. _open];
        }

        if (open.Length == 0)
        {
            throw new InvalidOperationException("no client connected");
        }

        var bytes = Encoding.UTF8.GetBytes(json);
        foreach (var socket in open)
        {
            try
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
            {
                // that one is going; the others still get it
            }
        }
    }

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
        if ((path != "/stream" && !path.StartsWith("/ws/", StringComparison.Ordinal)) || !context.Request.IsWebSocketRequest)
        {
            context.Response.StatusCode = 404;
            context.Response.Close();
            return;
        }

        var accepted = await context.AcceptWebSocketAsync(null, TimeSpan.FromSeconds(1));
        (_current, _context) = (accepted.WebSocket, context);
        lock (_open)
        {
            _open.Add(accepted.WebSocket);
        }

        _connectedStreams.Enqueue(path == "/stream" ? context.Request.QueryString["streams"] ?? "" : path[1..]); // a user data stream: ws/<listenKey>
        _connected.Release();
        _ = DrainAsync(accepted.WebSocket);
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
