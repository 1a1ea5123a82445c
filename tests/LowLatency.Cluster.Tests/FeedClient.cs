using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace LowLatency.Cluster.Tests;

/// <summary>A real <see cref="ClientWebSocket"/> on a bridge's <c>/ws/price-feed</c>, subscribed to channels, reading their events.</summary>
public static class FeedClient
{
    public static Task<ClientWebSocket> SubscribeAsync(ClusterBridge bridge, params string[] channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        return OpenAsync(bridge, $$"""{"type":"subscribe","channels":[{{string.Join(",", channels.Select(c => $"\"{c}\""))}}]}""");
    }

    /// <summary>A client subscribed to the prices of <paramref name="symbol"/>.</summary>
    public static Task<ClientWebSocket> SubscribeToPricesAsync(ClusterBridge bridge, string symbol) =>
        OpenAsync(bridge, $$"""{"type":"subscribe","symbols":["{{symbol}}"]}""");

    private static async Task<ClientWebSocket> OpenAsync(ClusterBridge bridge, string subscribe)
    {
        var socket = new ClientWebSocket();
        var uri = new Uri(bridge.Http.BaseAddress!.ToString().Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + "/ws/price-feed");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(uri, timeout.Token);
        await socket.SendAsync(Encoding.UTF8.GetBytes(subscribe), WebSocketMessageType.Text, true, timeout.Token);
        await NextAsync(socket, "subscribed", _ => true);
        return socket;
    }

    /// <summary>The data of the next event named <paramref name="name"/> that <paramref name="matches"/> (others skipped), within 30 s; null when the bridge closed.</summary>
    public static async Task<string?> NextAsync(ClientWebSocket socket, string name, Func<JsonElement, bool> matches)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                try
                {
                    result = await socket.ReceiveAsync(buffer, timeout.Token);
                }
                catch (WebSocketException)
                {
                    return null; // the bridge went away without a close frame
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            var root = JsonDocument.Parse(message.ToArray()).RootElement;
            if (root.GetProperty("event").GetString() == name && matches(root.GetProperty("data")))
            {
                return root.GetProperty("data").GetRawText();
            }
        }
    }
}
