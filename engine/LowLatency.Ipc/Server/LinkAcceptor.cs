using System.Net;
using System.Net.Sockets;
using LowLatency.Engine.Commands;
using Microsoft.Extensions.Logging;

namespace LowLatency.Ipc.Server;

/// <summary>
/// The link's door: accepts loopback connections, runs the authenticated handshake (hello → challenge → proof,
/// small frames only until the proof checks), and reads what an accepted bridge sends (commands into the ring,
/// snapshot requests, heartbeats). A connection that passes is handed to the publisher through
/// <see cref="TakePending"/>; one that fails is closed with a logged reason and never displaces the current one.
/// </summary>
internal sealed partial class LinkAcceptor(int port, byte[] secret, Func<Command, bool> publishCommand, Action<CommandResult> refuse, ILogger logger, CancellationToken stop) : IDisposable
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Largest payload read before the peer has proved the secret (hello and proof are a few dozen bytes).</summary>
    private const int HandshakeMaxPayload = 256;

    private readonly TcpListener _listener = new(IPAddress.Loopback, port);
    private readonly CancellationToken _stop = stop;
    private Task? _acceptLoop;
    private Connection? _pending;
    private long _accepted;
    private long _rejected;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public long Accepted => Volatile.Read(ref _accepted);

    public long Rejected => Volatile.Read(ref _rejected);

    public void Start()
    {
        _listener.Start();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The newest authenticated connection not yet taken, if any.</summary>
    public Connection? TakePending() => Interlocked.Exchange(ref _pending, null);

    public void Stop()
    {
        _listener.Stop();
        try
        {
            _acceptLoop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // the listener was stopped under it
        }

        _pending?.Close("engine stopping");
    }

    public void Dispose() => _listener.Dispose();

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => HandshakeAsync(socket));
        }
    }

    private async Task HandshakeAsync(Socket socket)
    {
        socket.NoDelay = true;
        // Until the peer proves the secret it may send only small frames: nothing it sends can grow the engine.
        var connection = new Connection(socket, HandshakeMaxPayload);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop);
        timeout.CancelAfter(HandshakeTimeout);
        try
        {
            (var frame, var problem) = await connection.ReadFrameAsync(timeout.Token).ConfigureAwait(false);
            if (frame is null || frame.Value.Type != FrameType.Hello || !Handshake.TryDecode(frame.Value.Payload.Span, out var bridgeSequence, out problem))
            {
                Reject(connection, problem ?? (frame is null ? "closed before the handshake" : $"expected hello, got {frame.Value.Type}"));
                return;
            }

            connection.HelloSequence = bridgeSequence;

            var nonce = System.Security.Cryptography.RandomNumberGenerator.GetBytes(LinkSecret.NonceSize);
            FrameFormat.Write(connection.Output, FrameType.Challenge, 0, nonce);
            await connection.Output.FlushAsync(timeout.Token).ConfigureAwait(false);
            var hello = frame.Value.Payload;
            (frame, problem) = await connection.ReadFrameAsync(timeout.Token).ConfigureAwait(false);
            if (frame is null || frame.Value.Type != FrameType.Proof)
            {
                Reject(connection, problem ?? (frame is null ? "closed before proving the link secret" : $"expected proof, got {frame.Value.Type}"));
                return;
            }

            var expected = LinkSecret.Proof(secret, nonce, hello.Span);
            if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected, frame.Value.Payload.Span))
            {
                Reject(connection, "wrong link secret");
                return;
            }
        }
        catch (OperationCanceledException)
        {
            Reject(connection, "no handshake within 5 s");
            return;
        }
        catch (IOException)
        {
            Reject(connection, "the peer went away during the handshake");
            return;
        }

        connection.MaxPayload = FrameFormat.DefaultMaxPayload;
        Interlocked.Increment(ref _accepted);
        Interlocked.Exchange(ref _pending, connection)?.Close("replaced by a newer connection");
        await ReadLoopAsync(connection).ConfigureAwait(false);
    }

    private void Reject(Connection connection, string reason)
    {
        Interlocked.Increment(ref _rejected);
        LogRejected(logger, connection.Remote, reason);
        connection.Close(reason);
    }

    private async Task ReadLoopAsync(Connection connection)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var (frame, problem) = await connection.ReadFrameAsync(_stop).ConfigureAwait(false);
                if (frame is null)
                {
                    connection.Close(problem ?? "bridge closed the link");
                    if (problem is not null)
                    {
                        LogMalformed(logger, connection.Remote, problem);
                    }

                    return;
                }

                switch (frame.Value.Type)
                {
                    case FrameType.Command when CommandCodec.TryDecodeCommand(frame.Value.Payload.Span, out var command):
                        if (!publishCommand(command))
                        {
                            refuse(new CommandResult(command.CorrelationId, command.Type, Engine.Risk.RejectReason.InvalidState, 0));
                        }

                        break;
                    case FrameType.SnapshotRequest:
                        connection.SnapshotRequested = true;
                        break;
                    case FrameType.Heartbeat:
                        break;
                    default:
                        LogMalformed(logger, connection.Remote, $"unexpected {frame.Value.Type} frame of {frame.Value.Payload.Length} bytes");
                        connection.Close("protocol error");
                        return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            connection.Close(e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bridge link from {Remote} refused: {Reason}")]
    private static partial void LogRejected(ILogger logger, string remote, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bridge link from {Remote} closed: malformed input ({Problem})")]
    private static partial void LogMalformed(ILogger logger, string remote, string problem);
}
