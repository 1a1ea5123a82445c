using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace LowLatency.Bridge.Tests.Support;

/// <summary>A ClientWebSocket with text helpers and a bounded wait for the next message that matches.</summary>
internal sealed class FeedClient : IDisposable
{
    private readonly ClientWebSocket _socket = new();

    public static async Task<FeedClient> ConnectAsync(Uri httpBase, string pathAndQuery, string? origin = null)
    {
        var client = new FeedClient();
        if (origin is not null)
        {
            client._socket.Options.SetRequestHeader("Origin", origin);
        }

        var uri = new Uri(httpBase.ToString().Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + pathAndQuery);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client._socket.ConnectAsync(uri, timeout.Token);
        return client;
    }

    public WebSocketState State => _socket.State;

    public Task SendAsync(string text) => _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next text message, or null when the server closed; fails the test after <paramref name="seconds"/>.</summary>
    public async Task<string?> ReceiveAsync(double seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"no message within {seconds} s");
                throw;
            }
            catch (WebSocketException)
            {
                return null; // the server went away without a close frame
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }

    /// <summary>Native feed: the next <c>{"event":…}</c> message named <paramref name="name"/> (others skipped).</summary>
    public async Task<JsonElement> NextEventAsync(string name, double seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var left = (deadline - DateTime.UtcNow).TotalSeconds;
            Assert.That(left, Is.Positive, $"no '{name}' event within {seconds} s");
            var text = await ReceiveAsync(left);
            Assert.That(text, Is.Not.Null, $"closed while waiting for '{name}'");
            var root = JsonDocument.Parse(text!).RootElement;
            if (root.GetProperty("event").GetString() == name)
            {
                return root.GetProperty("data").Clone();
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
