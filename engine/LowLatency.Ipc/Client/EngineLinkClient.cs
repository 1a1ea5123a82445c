using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LowLatency.Engine.Commands;
using LowLatency.Engine.State;
using Microsoft.Extensions.Logging;

namespace LowLatency.Ipc.Client;

/// <summary>
/// The bridge's end of the link: connects to the engine with backoff (250 ms doubling to 5 s), says hello with the
/// last sequence it saw, and hands every frame to the <see cref="IEngineLinkHandler"/>. The engine answers with a
/// snapshot, so every (re)connection resyncs the whole state. A malformed frame closes the link with a logged
/// reason, and the client connects again; so does an engine that does not finish the handshake within
/// <paramref name="handshakeTimeout"/> (default 10 s): a peer that accepted and went silent must not hold the link.
/// </summary>
public sealed partial class EngineLinkClient(IPEndPoint engine, IEngineLinkHandler handler, ILogger logger, Func<byte[]?> secret, TimeSpan? handshakeTimeout = null) : IDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private readonly string _engineName = engine.ToString();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private volatile PipeWriter? _output;
    private long _lastSequence;

    public bool Connected => _output is not null;

    /// <summary>The last record sequence received.</summary>
    public long LastSequence => Interlocked.Read(ref _lastSequence);

    public long Connects => Interlocked.Read(ref _connects);

    private long _connects;

    /// <summary>Connects, reads, reconnects — until <paramref name="stop"/>.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!stop.IsCancellationRequested)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(engine, stop).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                LogUnreachable(logger, _engineName, e.SocketErrorCode, backoff.TotalMilliseconds);
                await DelayAsync(backoff, stop).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromMilliseconds(250);
            var reason = await SessionAsync(socket, stop).ConfigureAwait(false);
            _output = null;
            handler.OnDisconnected(reason);
            LogLost(logger, _engineName, reason);
            await DelayAsync(backoff, stop).ConfigureAwait(false);
        }
    }

    public void Dispose() => _writeLock.Dispose();

    /// <summary>Sends a command; false when the engine is not connected.</summary>
    public async Task<bool> SendAsync(Command command, CancellationToken cancellation)
    {
        var output = _output;
        if (output is null)
        {
            return false;
        }

        await _writeLock.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            FrameFormat.Write(output, FrameType.Command, 0, CommandCodec.Encode(command));
            await output.FlushAsync(cancellation).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<string> SessionAsync(Socket socket, CancellationToken stop)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        using var handshake = CancellationTokenSource.CreateLinkedTokenSource(stop);
        handshake.CancelAfter(handshakeTimeout ?? TimeSpan.FromSeconds(10));
        var input = PipeReader.Create(stream);
        var output = PipeWriter.Create(stream);
        try
        {
            // Read on every attempt: the engine creates its secret file on first start, perhaps after the bridge.
            var key = secret();
            if (key is not { Length: > 0 })
            {
                return $"no link secret: set {LinkSecret.EnvironmentVariable} or make the engine's {LinkSecret.FileName} readable (Bridge:EngineSecretFile)";
            }

            var hello = Handshake.Encode(LastSequence);
            FrameFormat.Write(output, FrameType.Hello, LastSequence, hello);
            await output.FlushAsync(handshake.Token).ConfigureAwait(false);
            var challenged = false;
            var first = true;
            while (true)
            {
                var result = await input.ReadAsync(first ? handshake.Token : stop).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (true)
                {
                    var status = FrameFormat.TryRead(ref buffer, FrameFormat.DefaultMaxPayload, out var frame, out var problem);
                    if (status == FrameReadStatus.Incomplete)
                    {
                        break;
                    }

                    if (status == FrameReadStatus.Malformed)
                    {
                        return $"malformed frame from the engine: {problem}";
                    }

                    if (!challenged)
                    {
                        if (frame.Type != FrameType.Challenge || frame.Payload.Length != LinkSecret.NonceSize)
                        {
                            return $"handshake refused: expected a challenge, got {frame.Type}";
                        }

                        FrameFormat.Write(output, FrameType.Proof, 0, LinkSecret.Proof(key, frame.Payload.Span, hello));
                        await output.FlushAsync(handshake.Token).ConfigureAwait(false);
                        challenged = true;
                        continue;
                    }

                    if (first)
                    {
                        if (frame.Type != FrameType.Welcome || !Handshake.TryDecode(frame.Payload.Span, out var engineSequence, out var refused))
                        {
                            return $"handshake refused: {(frame.Type != FrameType.Welcome ? $"expected welcome, got {frame.Type}" : "bad welcome")}";
                        }

                        _ = refused;
                        first = false;
                        _output = output;
                        Interlocked.Increment(ref _connects);
                        LogConnected(logger, _engineName, engineSequence);
                        handler.OnConnected(engineSequence);
                        continue;
                    }

                    var error = Dispatch(frame);
                    if (error is not null)
                    {
                        return error;
                    }
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    return buffer.Length == 0 ? "the engine closed the link" : $"truncated frame: the link ended {buffer.Length} bytes into it";
                }
            }
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return "the engine did not finish the handshake in time";
        }
        catch (OperationCanceledException)
        {
            return "bridge stopping";
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return e.Message;
        }
        catch (InvalidOperationException e)
        {
            return $"the bridge could not apply the engine's stream ({e.Message}); reconnecting for a snapshot";
        }
        finally
        {
            _output = null;
            await input.CompleteAsync().ConfigureAwait(false);
            await _writeLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await output.CompleteAsync().ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }
    }

    private string? Dispatch(in Frame frame)
    {
        switch (frame.Type)
        {
            case FrameType.Snapshot:
                StateSnapshot? snapshot;
                try
                {
                    snapshot = JsonSerializer.Deserialize<StateSnapshot>(frame.Payload.Span, TradingCore.SnapshotJson);
                }
                catch (JsonException e)
                {
                    return $"unreadable snapshot: {e.Message}";
                }

                if (snapshot is null)
                {
                    return "empty snapshot";
                }

                Interlocked.Exchange(ref _lastSequence, snapshot.LastSequence);
                handler.OnSnapshot(snapshot);
                return null;
            case FrameType.Record:
                if (!RecordCodec.TryDecode(frame.Payload.Span, out var record, out var problem))
                {
                    return $"unreadable record: {problem}";
                }

                var previous = Interlocked.Exchange(ref _lastSequence, record.Sequence);
                if (previous != 0 && record.Sequence > previous + 1)
                {
                    // A record went missing (the engine dropped it from a full tap): ask for the whole state again.
                    LogGap(logger, previous, record.Sequence);
                    _ = RequestSnapshotAsync();
                }

                handler.OnRecord(record);
                return null;
            case FrameType.Quote:
                if (!QuoteCodec.TryDecode(frame.Payload.Span, out var tick))
                {
                    return "unreadable quote";
                }

                handler.OnQuote(tick);
                return null;
            case FrameType.CommandResult:
                if (!CommandCodec.TryDecodeResult(frame.Payload.Span, out var result))
                {
                    return "unreadable command result";
                }

                handler.OnCommandResult(result);
                return null;
            case FrameType.Heartbeat:
                return null;
            case FrameType.Stats:
                return Json<EngineStats>(frame, handler.OnStats);
            case FrameType.Signal:
                return Json<EngineSignal>(frame, handler.OnSignal);
            case FrameType.Bar:
                if (!BarCodec.TryDecode(frame.Payload.Span, out var instrumentId, out var bar))
                {
                    return "unreadable bar";
                }

                handler.OnBar(instrumentId, bar);
                return null;
            default:
                return $"unexpected {frame.Type} frame from the engine";
        }
    }

    private static string? Json<T>(in Frame frame, Action<T> handle)
        where T : class
    {
        try
        {
            if (JsonSerializer.Deserialize<T>(frame.Payload.Span) is { } value)
            {
                handle(value);
            }

            return null;
        }
        catch (JsonException e)
        {
            return $"unreadable {frame.Type} frame: {e.Message}";
        }
    }

    private async Task RequestSnapshotAsync()
    {
        var output = _output;
        if (output is null)
        {
            return;
        }

        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            FrameFormat.Write(output, FrameType.SnapshotRequest, LastSequence, []);
            await output.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // the link is going down; the reconnection brings a snapshot anyway
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine link to {Engine} up; engine at sequence {Sequence}")]
    private static partial void LogConnected(ILogger logger, string engine, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Engine link: records {Last} → {Next} skip some; asking for a snapshot")]
    private static partial void LogGap(ILogger logger, long last, long next);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Engine link to {Engine} lost: {Reason}")]
    private static partial void LogLost(ILogger logger, string engine, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Engine at {Engine} unreachable ({Error}); retrying in {Delay} ms")]
    private static partial void LogUnreachable(ILogger logger, string engine, SocketError error, double delay);
}
