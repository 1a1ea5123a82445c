using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace LowLatency.Bridge.Realtime;

/// <summary>
/// One connected client's outbound side. Prices are conflated: the latest frame per (namespace, symbol) waits
/// in a slot, so a slow client skips intermediate quotes instead of queueing them. Everything else (acks,
/// order events) goes through a bounded queue; a client that lets it fill, or does not take a send within the
/// send timeout (checked by the hub's watchdog, see <see cref="AbortIfStuck"/>), is disconnected. Frames are
/// UTF-8 bytes, shared between clients that receive the same one. Nothing here ever blocks the publisher.
/// </summary>
public sealed class RealtimeSession : IDisposable
{
    private readonly Channel<byte[]> _queue;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _abort = new();
    private Dictionary<string, byte[]> _prices = [];
    private Dictionary<string, byte[]> _spare = [];
    private long _sendStartedTicks;
    private long _sent;
    private long _conflated;

    public RealtimeSession(long id, string kind, int queueCapacity)
    {
        Id = id;
        Kind = kind;
        _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(queueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public long Id { get; }

    /// <summary><c>socket.io</c> or <c>websocket</c>.</summary>
    public string Kind { get; }

    public Subscriptions Subscriptions { get; } = new();

    /// <summary>Fires when the session is aborted (too slow, protocol error, server stopping).</summary>
    public CancellationToken Aborted => _abort.Token;

    public string? AbortReason { get; private set; }

    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Price frames replaced by a newer one before they were sent.</summary>
    public long Conflated => Interlocked.Read(ref _conflated);

    /// <summary>Queues a message; a full queue means the client stopped reading, so it is disconnected.</summary>
    public void Enqueue(string frame) => Enqueue(Encoding.UTF8.GetBytes(frame));

    public void Enqueue(byte[] frame)
    {
        if (_queue.Writer.TryWrite(frame))
        {
            _wake.Writer.TryWrite(true);
        }
        else
        {
            Abort("too slow: its outbound queue is full");
        }
    }

    public void OfferPrice(string key, string frame) => OfferPrice(key, Encoding.UTF8.GetBytes(frame));

    /// <summary>Offers the latest price frame for <paramref name="key"/>, replacing one not yet sent.</summary>
    public void OfferPrice(string key, byte[] frame)
    {
        lock (_lock)
        {
            if (_prices.ContainsKey(key))
            {
                _conflated++;
            }

            _prices[key] = frame;
        }

        _wake.Writer.TryWrite(true);
    }

    /// <summary>Aborts the session when a send has been in progress for longer than <paramref name="timeoutTicks"/> (Stopwatch ticks).</summary>
    public void AbortIfStuck(long nowTicks, long timeoutTicks)
    {
        var started = Volatile.Read(ref _sendStartedTicks);
        if (started != 0 && nowTicks - started > timeoutTicks)
        {
            Abort($"too slow: a send took over {timeoutTicks * 1000 / Stopwatch.Frequency} ms");
        }
    }

    public void Abort(string reason)
    {
        lock (_lock)
        {
            if (AbortReason is not null)
            {
                return;
            }

            AbortReason = reason;
        }

        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // closed meanwhile: nothing left to stop
        }
    }

    /// <summary>After the sender finished: later aborts are no-ops.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            AbortReason ??= "closed";
        }

        _abort.Dispose();
    }

    /// <summary>Sends queued messages, then the latest prices, until aborted or <paramref name="stop"/>.</summary>
    public async Task RunSenderAsync(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> send, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(send);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, _abort.Token);
        var token = linked.Token;
        try
        {
            while (await _wake.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                _wake.Reader.TryRead(out _);
                while (_queue.Reader.TryRead(out var frame))
                {
                    await Send(send, frame, token).ConfigureAwait(false);
                }

                Dictionary<string, byte[]> prices;
                lock (_lock)
                {
                    prices = _prices;
                    _prices = _spare;
                    _spare = prices;
                }

                foreach (var frame in prices.Values)
                {
                    await Send(send, frame, token).ConfigureAwait(false);
                }

                prices.Clear();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // aborted or stopping
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            // The client went away, or the socket was aborted under a send: normal, and the receive side ends too.
            Abort($"send failed: {e.Message}");
        }
    }

    private async ValueTask Send(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> send, byte[] frame, CancellationToken token)
    {
        Volatile.Write(ref _sendStartedTicks, Stopwatch.GetTimestamp());
        await send(frame, token).ConfigureAwait(false);
        Volatile.Write(ref _sendStartedTicks, 0);
        Interlocked.Increment(ref _sent);
    }
}
