using System.Net;
using System.Net.Sockets;
using System.Text;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Tests.Support;

/// <summary>
/// A FIX acceptor whose every message the test writes by hand, for what no real engine does on request: a Logon
/// with ResetSeqNumFlag=Y, messages in the wrong order, a resend that repeats what already came. It frames what
/// our session sends and hands each message to the test as text (SOH shown as '|'). One connection.
/// </summary>
internal sealed class ScriptedCounterparty : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly FixWriter _writer = new();
    private readonly byte[] _buffer = new byte[65536];
    private TcpClient? _client;
    private NetworkStream? _stream;
    private int _filled;

    public ScriptedCounterparty() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public const string CompId = "SCRIPT";

    public async Task AcceptAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        _client = await _listener.AcceptTcpClientAsync(timeout.Token);
        _stream = _client.GetStream();
    }

    /// <summary>The next message our session sent, as text; throws after the timeout.</summary>
    public async Task<string> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            if (FixFrame.TryRead(_buffer.AsSpan(0, _filled), out var length) == FrameStatus.Complete)
            {
                var text = Encoding.ASCII.GetString(_buffer, 0, length).Replace('\u0001', '|');
                Buffer.BlockCopy(_buffer, length, _buffer, 0, _filled - length);
                _filled -= length;
                return text;
            }

            var read = await _stream!.ReadAsync(_buffer.AsMemory(_filled), timeout.Token);
            if (read == 0)
            {
                throw new IOException("our session closed the connection");
            }

            _filled += read;
        }
    }

    /// <summary>Our session's next message of <paramref name="msgType"/>, skipping others (heartbeats …).</summary>
    public async Task<string> ReceiveAsync(string msgType)
    {
        while (true)
        {
            var message = await ReceiveAsync();
            if (message.Contains($"|35={msgType}|", StringComparison.Ordinal))
            {
                return message;
            }
        }
    }

    /// <summary>Sends a message to our session: the header from <paramref name="seq"/>, then <paramref name="body"/> as tag=value pairs.</summary>
    public async Task SendAsync(string msgType, long seq, params (int Tag, string Value)[] body)
    {
        _writer.Start("FIX.4.4"u8, Encoding.ASCII.GetBytes(msgType));
        _writer.Add(Tag.SenderCompId, CompId).Add(Tag.TargetCompId, "LL").Add(Tag.MsgSeqNum, seq).AddTimestamp(Tag.SendingTime, DateTime.UtcNow);
        foreach (var (tag, value) in body)
        {
            _writer.Add(tag, value);
        }

        var bytes = _writer.Finish().ToArray();
        await _stream!.WriteAsync(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _listener.Stop();
        await Task.CompletedTask;
    }

    /// <summary>The value of <paramref name="tag"/> in a message as text.</summary>
    public static string? Field(string message, int tag)
    {
        var key = $"|{tag}=";
        var at = message.IndexOf(key, StringComparison.Ordinal);
        return at < 0 ? null : message[(at + key.Length)..message.IndexOf('|', at + key.Length)];
    }
}
