using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace LowLatency.Chaos;

/// <summary>
/// Load while the processes may die: a REST client submitting market and resting limit orders and cancelling
/// some, remembering every order and cancel it was told succeeded; and a Socket.IO client (Engine.IO v4 over a
/// WebSocket) subscribed to prices, reconnecting when the bridge goes away.
/// </summary>
public sealed class LoadGenerator(HttpClient http, Uri bridge, Random random)
{
    /// <summary>Order ids the REST client got a 2xx for, with whether it was a resting limit order.</summary>
    public ConcurrentDictionary<string, bool> AcknowledgedOrders { get; } = new();

    /// <summary>Order ids whose cancel was acknowledged.</summary>
    public ConcurrentDictionary<string, bool> AcknowledgedCancels { get; } = new();

    public long SocketMessages => Interlocked.Read(ref _socketMessages);

    private long _socketMessages;

    /// <summary>Runs both clients until <paramref name="stop"/> fires; failures (the bridge is down) are expected and retried.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        await Task.WhenAll(RestAsync(stop), SocketAsync(stop)).ConfigureAwait(false);
    }

    private async Task RestAsync(CancellationToken stop)
    {
        var working = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var roll = random.Next(10);
                if (roll < 2 && working.Count > 0)
                {
                    var id = working[random.Next(working.Count)];
                    using var cancel = await http.DeleteAsync(new Uri($"/api/orders/{id}", UriKind.Relative), stop).ConfigureAwait(false);
                    if (cancel.IsSuccessStatusCode)
                    {
                        AcknowledgedCancels[id] = true;
                        working.Remove(id);
                    }
                }
                else
                {
                    var resting = roll < 6;
                    var body = resting
                        ? $$"""{"symbol":"BTC-USD","side":"BUY","quantity":0.01,"type":"limit","price":{{40_000 + random.Next(0, 1_000)}}}"""
                        : $$"""{"symbol":"BTC-USD","side":"{{(random.Next(2) == 0 ? "BUY" : "SELL")}}","quantity":0.01}""";
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using var response = await http.PostAsync(new Uri("/api/orders", UriKind.Relative), content, stop).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        var order = (await response.Content.ReadFromJsonAsync<JsonElement>(stop).ConfigureAwait(false)).GetProperty("order");
                        if (order.ValueKind == JsonValueKind.Object)
                        {
                            var id = order.GetProperty("orderId").GetString()!;
                            AcknowledgedOrders[id] = resting;
                            if (resting)
                            {
                                working.Add(id);
                            }
                        }
                    }
                }

                await Task.Delay(random.Next(1, 8), stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException or JsonException)
            {
                if (!stop.IsCancellationRequested)
                {
                    await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task SocketAsync(CancellationToken stop)
    {
        var uri = new Uri(bridge.ToString().Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + "/socket.io/?EIO=4&transport=websocket");
        var buffer = new byte[64 * 1024];
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var socket = new ClientWebSocket();
                await socket.ConnectAsync(uri, stop).ConfigureAwait(false);
                await Send(socket, "40", stop).ConfigureAwait(false);
                await Send(socket, """42["subscribe",{"symbol":"BTC-USD"}]""", stop).ConfigureAwait(false);
                while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
                {
                    var result = await socket.ReceiveAsync(buffer, stop).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }

                    Interlocked.Increment(ref _socketMessages);
                    if (result.Count == 1 && buffer[0] == (byte)'2')
                    {
                        await Send(socket, "3", stop).ConfigureAwait(false); // Engine.IO pong
                    }
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException)
            {
                if (!stop.IsCancellationRequested)
                {
                    await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }

    private static Task Send(ClientWebSocket socket, string text, CancellationToken stop) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, stop);
}
