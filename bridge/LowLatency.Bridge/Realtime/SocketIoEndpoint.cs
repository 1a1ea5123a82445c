using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using LowLatency.Bridge.Api;

namespace LowLatency.Bridge.Realtime;

/// <summary>
/// Socket.IO at <c>/socket.io/</c>: Engine.IO v4 over WebSocket only (what the frontend's client uses; no long
/// polling), Socket.IO v5 packets, namespaces <c>/</c> and <c>/ws</c>. The server pings every interval and
/// closes a client that does not pong in time. Events in: <c>subscribe {symbol}</c> (answered with
/// <c>subscribed {symbol, status:"active"}</c>, then <c>price_update</c>), <c>unsubscribe {symbol}</c>,
/// <c>subscribe_candles {symbol, timeframe}</c>, <c>subscribe_events {channels}</c>. Events out: those, plus
/// <c>connected {status, timestamp}</c> on each namespace connect and <c>error {message}</c>.
/// </summary>
public sealed partial class SocketIoEndpoint(SubscriptionRequests requests, OriginPolicy origins, ILogger<SocketIoEndpoint> logger)
{
    private static readonly string[] Namespaces = ["/", "/ws"];

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = context.Request.Query;
        var engineIo4 = query["EIO"] == "4" && query["transport"] == "websocket";
        using var socket = await origins.AcceptAsync(context, engineIo4, "this endpoint speaks Engine.IO v4 over WebSocket only: /socket.io/?EIO=4&transport=websocket (no long polling)").ConfigureAwait(false);
        if (socket is null)
        {
            return;
        }

        var hub = requests.Hub;
        var options = hub.Options;
        var session = hub.Open(Frames.SocketIo);
        var sid = Convert.ToHexString(Guid.NewGuid().ToByteArray())[..20];
        var stopping = context.RequestAborted;
        var lastPong = Stopwatch.GetTimestamp();
        session.Enqueue($"0{{\"sid\":\"{sid}\",\"upgrades\":[],\"pingInterval\":{options.PingIntervalMs},\"pingTimeout\":{options.PingTimeoutMs},\"maxPayload\":{options.MaxMessageBytes}}}");
        var sender = session.RunSenderAsync((frame, ct) => WebSocketText.SendAsync(socket, frame, ct), stopping);
        var pinger = PingAsync(session, () => Volatile.Read(ref lastPong), options, stopping);
        var reason = "client closed";
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, session.Aborted);
            while (true)
            {
                var text = await WebSocketText.ReceiveAsync(socket, options.MaxMessageBytes, linked.Token).ConfigureAwait(false);
                if (text is null)
                {
                    break;
                }

                if (text == "3")
                {
                    Volatile.Write(ref lastPong, Stopwatch.GetTimestamp());
                }
                else if (text == "2")
                {
                    session.Enqueue("3");
                }
                else if (text == "1")
                {
                    break;
                }
                else if (text.Length > 1 && text[0] == '4')
                {
                    var problem = OnSocketIoPacket(session, sid, text);
                    if (problem is not null)
                    {
                        reason = problem;
                        break;
                    }
                }
                else
                {
                    reason = $"not an Engine.IO packet: '{(text.Length > 20 ? text[..20] : text)}'";
                    break;
                }
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
        await Task.WhenAll(sender, pinger).ConfigureAwait(false);
        session.Dispose();
        await WebSocketText.CloseQuietlyAsync(socket, WebSocketCloseStatus.NormalClosure, reason).ConfigureAwait(false);
        LogClosed(logger, session.Id, reason, session.Sent, session.Conflated);
    }

    private static async Task PingAsync(RealtimeSession session, Func<long> lastPong, RealtimeOptions options, CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, session.Aborted);
        try
        {
            while (true)
            {
                await Task.Delay(options.PingIntervalMs, linked.Token).ConfigureAwait(false);
                if (Stopwatch.GetElapsedTime(lastPong()).TotalMilliseconds > options.PingIntervalMs + options.PingTimeoutMs)
                {
                    session.Abort("ping timeout: no pong from the client");
                    return;
                }

                session.Enqueue("2");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Handles one Socket.IO packet (<c>4</c> + type + [namespace,] + [ack id] + JSON); a protocol error's text, or null.</summary>
    private string? OnSocketIoPacket(RealtimeSession session, string sid, string text)
    {
        var type = text[1];
        var i = 2;
        var ns = "/";
        if (i < text.Length && text[i] == '/')
        {
            var comma = text.IndexOf(',', i);
            ns = comma < 0 ? text[i..] : text[i..comma];
            i = comma < 0 ? text.Length : comma + 1;
        }

        var ackStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        var ack = i > ackStart ? text[ackStart..i] : null;
        var json = text[i..];
        switch (type)
        {
            case '0':
                if (!Namespaces.Contains(ns))
                {
                    session.Enqueue($"44{ns},{{\"message\":\"Invalid namespace\"}}");
                    return null;
                }

                session.Enqueue(ns == "/" ? $"40{{\"sid\":\"{sid}\"}}" : $"40{ns},{{\"sid\":\"{sid}\"}}");
                session.Enqueue(Frames.Event(Frames.SocketIo, ns, "connected", JsonSerializer.Serialize(new { status = "connected", timestamp = Timestamps.Now() }, Frames.Json)));
                return null;
            case '1':
                session.Subscriptions.RemoveNamespace(ns);
                return null;
            case '2':
                return OnEvent(session, ns, ack, json);
            case '3':
                return null; // an ack from the client: nothing asked for one
            default:
                return $"unsupported Socket.IO packet type '{type}'";
        }
    }

    private string? OnEvent(RealtimeSession session, string ns, string? ack, string json)
    {
        string name;
        JsonElement data;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0 || root[0].ValueKind != JsonValueKind.String)
            {
                return "an event must be a JSON array starting with its name";
            }

            name = root[0].GetString()!;
            data = root.GetArrayLength() > 1 ? root[1].Clone() : default;
        }
        catch (JsonException e)
        {
            return $"malformed event JSON: {e.Message}";
        }

        string? error;
        object reply;
        switch (name)
        {
            case "subscribe":
            {
                var symbol = Field(data, "symbol");
                reply = new { symbol, status = "active" };
                error = requests.SubscribePrice(session, ns, symbol, s => Frames.Event(Frames.SocketIo, ns, "subscribed", JsonSerializer.Serialize(new { symbol = s, status = "active" }, Frames.Json)));
                break;
            }

            case "unsubscribe":
            {
                var symbol = Field(data, "symbol");
                session.Subscriptions.RemovePrice(ns, symbol ?? "");
                error = null;
                reply = new { symbol, status = "inactive" };
                session.Enqueue(Frames.Event(Frames.SocketIo, ns, "unsubscribed", JsonSerializer.Serialize(reply, Frames.Json)));
                break;
            }

            case "subscribe_candles":
            {
                var symbol = Field(data, "symbol") ?? "";
                var timeframe = Field(data, "timeframe") ?? "";
                error = requests.SubscribeCandles(session, symbol, timeframe);
                reply = new { symbol, timeframe, status = "active" };
                break;
            }

            case "subscribe_events":
            {
                error = null;
                var channels = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("channels", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Select(c => c.GetString() ?? "").ToArray()
                    : [];
                foreach (var channel in channels)
                {
                    error ??= SubscriptionRequests.SubscribeChannel(session, channel);
                }

                reply = new { channels, status = "active" };
                break;
            }

            default:
                error = $"unknown event '{name}'";
                reply = new { };
                break;
        }

        if (error is not null)
        {
            session.Enqueue(Frames.Event(Frames.SocketIo, ns, "error", JsonSerializer.Serialize(new { message = error }, Frames.Json)));
        }

        if (ack is not null)
        {
            var payload = JsonSerializer.Serialize(error is null ? reply : new { error }, Frames.Json);
            session.Enqueue(ns == "/" ? $"43{ack}[{payload}]" : $"43{ns},{ack}[{payload}]");
        }

        return null;
    }

    private static string? Field(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket.IO client {Id} closed: {Reason} ({Sent} messages sent, {Conflated} prices conflated)")]
    private static partial void LogClosed(ILogger logger, long id, string reason, long sent, long conflated);
}
