using System.Threading.Channels;

namespace LowLatency.Bridge.Realtime;

/// <summary>
/// One connected client's outbound side. Prices are conflated: the latest frame per (namespace, symbol) waits
/// in a slot, so a slow client skips intermediate quotes instead of queueing them. Everything else (acks,
/// candles, order events) goes through a bounded queue; a client that lets it fill, or does not take a send
/// within the send timeout, is disconnected. Nothing here ever blocks the publisher.
/// </summary>
public sealed class RealtimeSession : IDisposable
{
    private readonly Channel<string> _queue;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _lock = new();
    private Dictionary<string, string> _prices = [];
    private Dictionary<string, string> _spare = [];
    private readonly CancellationTokenSource _abort = new();

    public RealtimeSession(long id, string kind, int queueCapacity)
    {
        Id = id;
        Kind = kind;
        _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(queueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
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

    private long _sent;
    private long _conflated;

    /// <summary>Queues a message; a full queue means the client stopped reading, so it is disconnected.</summary>
    public void Enqueue(string frame)
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

    /// <summary>Offers the latest price frame for <paramref name="key"/>, replacing one not yet sent.</summary>
    public void OfferPrice(string key, string frame)
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

    /// <summary>Sends queued messages, then the latest prices, until aborted; each send bounded by <paramref name="sendTimeout"/>.</summary>
    public async Task RunSenderAsync(Func<string, CancellationToken, Task> send, TimeSpan sendTimeout, CancellationToken stop)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, _abort.Token);
        var token = linked.Token;
        try
        {
            while (await _wake.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                _wake.Reader.TryRead(out _);
                while (_queue.Reader.TryRead(out var frame))
                {
                    await SendBounded(send, frame, sendTimeout, token).ConfigureAwait(false);
                }

                Dictionary<string, string> prices;
                lock (_lock)
                {
                    prices = _prices;
                    _prices = _spare;
                    _spare = prices;
                }

                foreach (var frame in prices.Values)
                {
                    await SendBounded(send, frame, sendTimeout, token).ConfigureAwait(false);
                }

                prices.Clear();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // aborted or stopping
        }
    }

    private async Task SendBounded(Func<string, CancellationToken, Task> send, string frame, TimeSpan timeout, CancellationToken token)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(token);
        deadline.CancelAfter(timeout);
        try
        {
            await send(frame, deadline.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _sent);
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            Abort($"too slow: a send took over {timeout.TotalMilliseconds:0} ms");
            throw;
        }
    }
}
