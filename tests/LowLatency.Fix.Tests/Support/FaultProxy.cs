using System.Net;
using System.Net.Sockets;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Tests.Support;

/// <summary>
/// A TCP relay between our session and the acceptor that can lose or damage single FIX messages on purpose:
/// drop the client's next message (a sequence gap at the acceptor) or break the CheckSum of the acceptor's next
/// message of a given type (a garbled message at our session). One connection at a time.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;
    private volatile bool _dropNextFromClient;
    private volatile string? _corruptNextFromServer;
    private volatile string? _swapNextFromServer;
    private byte[]? _swapped;

    public FaultProxy(int targetPort)
    {
        _target = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accept = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Dropped { get; private set; }

    public int Corrupted { get; private set; }

    /// <summary>The next message from our session is not passed on.</summary>
    public void DropNextFromClient() => _dropNextFromClient = true;

    /// <summary>The next acceptor message of <paramref name="msgType"/> reaches us after the message that follows it.</summary>
    public void SwapNextFromServer(string msgType) => _swapNextFromServer = msgType;

    public int Swapped { get; private set; }

    /// <summary>The next acceptor message of <paramref name="msgType"/> reaches us with a wrong CheckSum.</summary>
    public void CorruptNextFromServer(string msgType) => _corruptNextFromServer = msgType;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accept;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var server = new TcpClient();
            await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
            _ = PumpAsync(client, server, fromClient: true);
            _ = PumpAsync(server, client, fromClient: false);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, bool fromClient)
    {
        var buffer = new byte[65536];
        var filled = 0;
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            while (true)
            {
                var read = await input.ReadAsync(buffer.AsMemory(filled), _stop.Token);
                if (read == 0)
                {
                    break;
                }

                filled += read;
                var used = 0;
                while (FixFrame.TryRead(buffer.AsSpan(used, filled - used), out var length) is FrameStatus.Complete or FrameStatus.BadChecksum)
                {
                    var message = buffer.AsSpan(used, length).ToArray();
                    used += length;
                    if (fromClient && _dropNextFromClient)
                    {
                        _dropNextFromClient = false;
                        Dropped++;
                        continue;
                    }

                    if (!fromClient && _corruptNextFromServer is { } type && new FixMessageView(message).Is(FixWire.MsgType, System.Text.Encoding.ASCII.GetBytes(type)))
                    {
                        _corruptNextFromServer = null;
                        message[^2] = (byte)(message[^2] == (byte)'0' ? '1' : '0');
                        Corrupted++;
                    }

                    if (!fromClient && _swapNextFromServer is { } swap && new FixMessageView(message).Is(FixWire.MsgType, System.Text.Encoding.ASCII.GetBytes(swap)))
                    {
                        _swapNextFromServer = null;
                        _swapped = message; // held back until the next message has gone
                        continue;
                    }

                    await output.WriteAsync(message, _stop.Token);
                    if (!fromClient && _swapped is { } held)
                    {
                        _swapped = null;
                        Swapped++;
                        await output.WriteAsync(held, _stop.Token);
                    }
                }

                Buffer.BlockCopy(buffer, used, buffer, 0, filled - used);
                filled -= used;
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
        finally
        {
            from.Close();
            to.Close();
        }
    }
}
