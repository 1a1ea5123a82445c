using System.Net.WebSockets;

namespace LowLatency.Engine.Host.Feeds;

/// <summary>
/// One WebSocket of a streaming feed and its message buffer: whole messages, one at a time, into a buffer reused
/// for each (valid until the next read). A message longer than the buffer is read to its end and reported as
/// <see cref="TooLong"/>; a close as <see cref="Closed"/>.
/// </summary>
internal sealed class StreamConnection : IDisposable
{
    public const int Closed = -1;
    public const int TooLong = -2;

    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer;

    public StreamConnection(int messageBytes)
    {
        _buffer = new byte[messageBytes];
        _socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20); // the server's pings are answered by the socket itself
    }

    public Task ConnectAsync(Uri address, CancellationToken cancel) => _socket.ConnectAsync(address, cancel);

    /// <summary>The bytes of the message the last read returned the length of.</summary>
    public ReadOnlySpan<byte> Message(int length) => _buffer.AsSpan(0, length);

    /// <summary>The next whole message's length, <see cref="TooLong"/> or <see cref="Closed"/>.</summary>
    public async ValueTask<int> ReadAsync(CancellationToken cancel)
    {
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            if (length == _buffer.Length)
            {
                length = -_buffer.Length; // too long for any documented event: read to its end and refuse it
            }

            result = await _socket.ReceiveAsync(_buffer.AsMemory(Math.Max(length, 0)), cancel).ConfigureAwait(false);
            length = length < 0 ? length : length + result.Count;
        }
        while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

        return result.MessageType == WebSocketMessageType.Close ? Closed : length < 0 ? TooLong : length;
    }

    public void Dispose()
    {
        _socket.Abort(); // ends a read in flight
        _socket.Dispose();
    }
}
