using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;

namespace LowLatency.Binance;

/// <summary>
/// Binance's user data stream by listen key: a key from <c>POST</c>, a WebSocket on <c>/ws/&lt;key&gt;</c>, the key
/// kept alive by <c>PUT</c> every <paramref name="keepAlive"/> (Binance lets it lapse after 60 minutes without one),
/// and on anything that ends the stream (the key's <c>listenKeyExpired</c>, a keep-alive refused, a dropped
/// connection, the 24-hour cut) a new key and a new connection after a back-off with jitter. Every connection
/// is announced (<paramref name="connected"/>) once it is open, so the venue reconciles what it may have missed
/// while none was: a silent expiry can only cost a reconciliation, never a lost fill. Each message's bytes
/// (<paramref name="message"/>) lie in a pooled buffer, valid only during the call. With
/// <paramref name="webSocketApi"/> the stream is instead the WebSocket API's subscription
/// (<c>userDataStream.subscribe.signature</c>, where Binance is moving spot accounts from listen keys): no key to
/// keep alive, events wrapped in <c>{"subscriptionId":…,"event":…}</c>, and the same reconnection and announcement.
/// </summary>
public sealed class UserDataStream(BinanceRestClient rest, Uri streamRoot, BinanceMarket market, TimeSpan keepAlive,
    Action<ReadOnlyMemory<byte>> message, Action<int> connected, Action<string> problem, Uri? webSocketApi = null) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private int _connections;
    private int _expiries;
    private int _keepAlives;
    private bool _open;

    /// <summary>Connections opened so far (each one is followed by a reconciliation).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Streams ended by the key's expiry (the event, or a keep-alive refused).</summary>
    public int Expiries => Volatile.Read(ref _expiries);

    public int KeepAlives => Volatile.Read(ref _keepAlives);

    /// <summary>Whether a connection is open now.</summary>
    public bool IsConnected => Volatile.Read(ref _open);

    private string KeyPath => market == BinanceMarket.Spot ? "/api/v3/userDataStream" : "/fapi/v1/listenKey";

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    public void Stop()
    {
        _stop.Cancel();
        try
        {
            _loop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // stopping: what ended the loop no longer matters
        }
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            var why = await ConnectOnceAsync(stop).ConfigureAwait(false);
            if (stop.IsCancellationRequested)
            {
                return;
            }

            problem(why);
            failures = why.StartsWith("listen key expired", StringComparison.Ordinal) ? 0 : failures + 1;
            var delay = TimeSpan.FromMilliseconds(Math.Min(30_000, 100 * (1 << Math.Min(failures, 9))) * (0.5 + (Random.Shared.NextDouble() / 2)));
            try
            {
                await Task.Delay(failures == 0 ? TimeSpan.Zero : delay, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One key (or one subscription), one connection, until it ends; why it ended.</summary>
    private async Task<string> ConnectOnceAsync(CancellationToken stop)
    {
        if (webSocketApi is not null)
        {
            return await SubscribeOnceAsync(webSocketApi, stop).ConfigureAwait(false);
        }

        var answer = await rest.KeyedAsync(HttpMethod.Post, KeyPath, "", weight: 2, stop).ConfigureAwait(false);
        if (!answer.Ok || ListenKey(answer.Body) is not { } key)
        {
            return $"no listen key: {answer}";
        }

        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(stop);
        try
        {
            await socket.ConnectAsync(new Uri($"{streamRoot.ToString().TrimEnd('/')}/ws/{key}"), ended.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException or OperationCanceledException)
        {
            return $"user data stream not connected: {e.Message}";
        }

        Volatile.Write(ref _open, true);
        connected(Interlocked.Increment(ref _connections));
        var keeping = KeepAliveAsync(key, ended);
        var why = await ReceiveAsync(socket, ended.Token).ConfigureAwait(false);
        Volatile.Write(ref _open, false);
        if (ended.IsCancellationRequested && !stop.IsCancellationRequested)
        {
            why = "listen key expired (its keep-alive was refused)";
        }

        await ended.CancelAsync().ConfigureAwait(false);
        await keeping.ConfigureAwait(false);
        socket.Abort();
        return why;
    }

    private async Task<string> ReceiveAsync(ClientWebSocket socket, CancellationToken ended)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var filled = 0;
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(filled), ended).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return "user data stream closed by the exchange";
                }

                filled += result.Count;
                if (!result.EndOfMessage)
                {
                    if (filled == buffer.Length)
                    {
                        return "user data message larger than 64 KiB";
                    }

                    continue;
                }

                var body = buffer.AsMemory(0, filled);
                filled = 0;
                var kind = OrderEventReader.ReadStreamEvent(body.Span, out _);
                if (kind == UserDataEventKind.ListenKeyExpired)
                {
                    Interlocked.Increment(ref _expiries);
                    return "listen key expired (listenKeyExpired)";
                }

                if (kind == UserDataEventKind.StreamTerminated)
                {
                    Interlocked.Increment(ref _expiries);
                    return "listen key expired (the WebSocket API ended the subscription: eventStreamTerminated)"; // subscribed again at once, like an expired key
                }

                message(body);
            }
        }
        catch (OperationCanceledException)
        {
            return "user data stream stopped";
        }
        catch (WebSocketException e)
        {
            return $"user data stream lost: {e.Message}";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task KeepAliveAsync(string key, CancellationTokenSource ended)
    {
        try
        {
            while (true)
            {
                await Task.Delay(keepAlive, ended.Token).ConfigureAwait(false);
                // Futures keeps the account's one key alive and takes no parameter.
                var answer = await rest.KeyedAsync(HttpMethod.Put, KeyPath, market == BinanceMarket.Spot ? $"listenKey={key}" : "", weight: 2, ended.Token).ConfigureAwait(false);
                if (answer.Ok)
                {
                    Interlocked.Increment(ref _keepAlives);
                }
                else if (answer.Code == -1125 || answer.Status is 400 or 404)
                {
                    Interlocked.Increment(ref _expiries); // "This listenKey does not exist.": the stream is dead even if the socket is not
                    await ended.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the connection ended
        }
    }

    /// <summary>One WebSocket API connection and its user data subscription, until it ends; why it ended.</summary>
    private async Task<string> SubscribeOnceAsync(Uri address, CancellationToken stop)
    {
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        try
        {
            await socket.ConnectAsync(address, stop).ConfigureAwait(false);
            var parameters = rest.UserDataSubscriptionParameters();
            if (parameters is null)
            {
                return $"no user data subscription: {BinanceCredentials.Missing}";
            }

            var id = $"ll-uds-{Connections + 1}";
            var request = "{\"id\":\"" + id + "\",\"method\":\"userDataStream.subscribe.signature\",\"params\":{" + parameters + "}}";
            await socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(request), WebSocketMessageType.Text, endOfMessage: true, stop).ConfigureAwait(false);
            var refused = await SubscriptionAnswerAsync(socket, stop).ConfigureAwait(false);
            if (refused is not null)
            {
                return $"user data subscription refused: {refused}";
            }
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException or OperationCanceledException)
        {
            return $"user data stream not connected: {e.Message}";
        }

        Volatile.Write(ref _open, true);
        connected(Interlocked.Increment(ref _connections));
        var why = await ReceiveAsync(socket, stop).ConfigureAwait(false);
        Volatile.Write(ref _open, false);
        socket.Abort();
        return why;
    }

    /// <summary>Null when the subscription's answer says status 200; else Binance's code and message.</summary>
    private static async Task<string?> SubscriptionAnswerAsync(ClientWebSocket socket, CancellationToken stop)
    {
        var buffer = new byte[16 * 1024];
        var filled = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(filled), stop).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return "the connection closed before the answer";
            }

            filled += result.Count;
            if (result.EndOfMessage || filled == buffer.Length)
            {
                break;
            }
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.AsMemory(0, filled));
            var root = document.RootElement;
            if (root.TryGetProperty("status", out var status) && status.TryGetInt32(out var code) && code == 200)
            {
                return null;
            }

            return root.TryGetProperty("error", out var error)
                ? $"{error.GetProperty("code").GetInt32()} {error.GetProperty("msg").GetString()}"
                : $"status {(root.TryGetProperty("status", out var other) ? other.ToString() : "none")}";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "an answer that is not the WebSocket API's";
        }
    }

    private static string? ListenKey(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("listenKey", out var key) ? key.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
