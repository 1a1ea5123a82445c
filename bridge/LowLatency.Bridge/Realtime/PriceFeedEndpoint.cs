using System.Net.WebSockets;
using System.Text.Json;
using LowLatency.Bridge.Api;

namespace LowLatency.Bridge.Realtime;

/// <summary>
/// The native WebSocket at <c>/ws/price-feed</c>: JSON text frames. In:
/// <c>{"type":"subscribe","symbols":["BTC-USD"],"timeframes":["1m"],"channels":["orders","fills","positions"]}</c>,
/// <c>{"type":"unsubscribe","symbols":[…],"channels":[…]}</c>, <c>{"type":"ping"}</c>. Out:
/// <c>{"event":NAME,"data":{…}}</c> with NAME <c>connected</c>, <c>subscribed</c>, <c>unsubscribed</c>,
/// <c>price_update</c>, <c>candle_update</c>, <c>order_update</c>, <c>fill</c>, <c>position_update</c>,
/// <c>pong</c>, <c>error</c> — the same payloads as the Socket.IO feed.
/// </summary>
public sealed partial class PriceFeedEndpoint(SubscriptionRequests requests, OriginPolicy origins, ILogger<PriceFeedEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var socket = await origins.AcceptAsync(context, valid: true, "this is a WebSocket endpoint").ConfigureAwait(false);
        if (socket is null)
        {
            return;
        }

        var hub = requests.Hub;
        var session = hub.Open(Frames.WebSocket);
        var stopping = context.RequestAborted;
        Send(session, "connected", new { status = "connected", timestamp = Timestamps.Now() });
        var sender = session.RunSenderAsync((frame, ct) => WebSocketText.SendAsync(socket, frame, ct), stopping);
        var reason = "client closed";
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, session.Aborted);
            while (await WebSocketText.ReceiveAsync(socket, hub.Options.MaxMessageBytes, linked.Token).ConfigureAwait(false) is { } text)
            {
                OnMessage(session, text);
            }
        }
        catch (OperationCanceledException)
        {
            reason = session.AbortReason ?? "server stopping";
        }
        catch (Exception e) when (e is WebSocketException or InvalidDataException)
        {
            reason = e.Message;
        }

        session.Abort(reason);
        hub.Close(session);
        await sender.ConfigureAwait(false);
        session.Dispose();
        await WebSocketText.CloseQuietlyAsync(socket, WebSocketCloseStatus.NormalClosure, reason).ConfigureAwait(false);
        LogClosed(logger, session.Id, reason, session.Sent, session.Conflated);
    }

    private void OnMessage(RealtimeSession session, string text)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            Send(session, "error", new { message = $"malformed JSON: {e.Message}" });
            return;
        }

        var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var symbols = Strings(root, "symbols");
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("symbol", out var one) && one.ValueKind == JsonValueKind.String)
        {
            symbols = [.. symbols, one.GetString()!];
        }

        var timeframes = Strings(root, "timeframes");
        var channels = Strings(root, "channels");
        switch (type)
        {
            case "subscribe":
                foreach (var symbol in symbols)
                {
                    var error = requests.SubscribePrice(session, "/", symbol, s => Frames.Event(Frames.WebSocket, "/", "subscribed", JsonSerializer.Serialize(new { symbol = s, status = "active" }, Frames.Json)));
                    foreach (var timeframe in error is null ? timeframes : [])
                    {
                        error ??= requests.SubscribeCandles(session, symbol, timeframe);
                    }

                    if (error is not null)
                    {
                        Send(session, "error", new { message = error });
                    }
                }

                foreach (var channel in channels)
                {
                    if (SubscriptionRequests.SubscribeChannel(session, channel) is { } error)
                    {
                        Send(session, "error", new { message = error });
                    }
                }

                if (channels.Length > 0)
                {
                    Send(session, "subscribed", new { channels, status = "active" });
                }

                break;
            case "unsubscribe":
                foreach (var symbol in symbols)
                {
                    session.Subscriptions.RemovePrice("/", symbol);
                }

                foreach (var channel in channels)
                {
                    session.Subscriptions.RemoveChannel(channel);
                }

                Send(session, "unsubscribed", new { symbols, channels, status = "inactive" });
                break;
            case "ping":
                Send(session, "pong", new { timestamp = Timestamps.Now() });
                break;
            default:
                Send(session, "error", new { message = $"unknown message type '{type}' (use subscribe, unsubscribe, ping)" });
                break;
        }
    }

    private static string[] Strings(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];

    private static void Send(RealtimeSession session, string name, object payload) =>
        session.Enqueue(Frames.Event(Frames.WebSocket, "/", name, JsonSerializer.Serialize(payload, Frames.Json)));

    [LoggerMessage(Level = LogLevel.Information, Message = "WebSocket client {Id} closed: {Reason} ({Sent} messages sent, {Conflated} prices conflated)")]
    private static partial void LogClosed(ILogger logger, long id, string reason, long sent, long conflated);
}
