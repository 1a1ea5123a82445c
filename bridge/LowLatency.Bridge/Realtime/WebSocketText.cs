using System.Net.WebSockets;
using System.Text;

namespace LowLatency.Bridge.Realtime;

/// <summary>Whole text messages off a WebSocket, bounded in size.</summary>
public static class WebSocketText
{
    /// <summary>The next text message; null when the client closed. Throws <see cref="InvalidDataException"/> for binary or oversized messages.</summary>
    public static async Task<string?> ReceiveAsync(WebSocket socket, int maxBytes, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var buffer = new byte[Math.Min(maxBytes, 4096)];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellation).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            if (result.MessageType != WebSocketMessageType.Text)
            {
                throw new InvalidDataException("binary messages are not part of this protocol");
            }

            message.Write(buffer, 0, result.Count);
            if (message.Length > maxBytes)
            {
                throw new InvalidDataException($"message over {maxBytes} bytes");
            }

            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
    }

    public static ValueTask SendAsync(WebSocket socket, ReadOnlyMemory<byte> utf8, CancellationToken cancellation) =>
        socket.SendAsync(utf8, WebSocketMessageType.Text, endOfMessage: true, cancellation);

    /// <summary>Closes politely when the socket is still open; never throws.</summary>
    public static async Task CloseQuietlyAsync(WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(status, reason.Length > 120 ? reason[..120] : reason, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }
}
