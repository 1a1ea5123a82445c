using System.Data.Common;
using System.Threading.Channels;
using LowLatency.Analytics;
using LowLatency.Engine.MarketData;
using Microsoft.Extensions.Logging;

namespace LowLatency.History;

/// <summary>
/// Bars on their way into a store, written by one background writer in batches so that whoever produces them (a
/// feed's thread, the bridge's engine link, a request) never waits for the disk or the database. A batch that fails
/// (the database restarting, the disk full) is retried, after a growing pause, until it is written or the queue is
/// disposed; while it waits, the queue holds up to its capacity and then gives up the oldest bars, counted in
/// <see cref="Dropped"/> (a backfill fills them in later).
/// </summary>
public sealed partial class BarWriteQueue : IAsyncDisposable
{
    private const int BatchSize = 5_000;
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(5);

    private readonly Channel<Item> _queue;
    private readonly IBarStore _store;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer;
    private long _written;
    private long _dropped;

    public BarWriteQueue(IBarStore store, ILogger logger, int capacity = 100_000)
    {
        (_store, _logger) = (store, logger);
        _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest }, Drop);
        _writer = Task.Run(WriteLoopAsync);
    }

    public IBarStore Store => _store;

    /// <summary>Bars written so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Bars queued and not yet written.</summary>
    public int Pending => _queue.Reader.Count;

    /// <summary>Bars given up because the queue was full while the store could not be written.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues a bar for <see cref="IBarStore.Write"/>; never waits.</summary>
    public void Write(in BarWrite bar) => _queue.Writer.TryWrite(new Item(bar, false, null));

    /// <summary>Queues a made-up bar for <see cref="IBarStore.WriteSynthetic"/>; never waits.</summary>
    public void WriteSynthetic(string symbol, Timeframe timeframe, in OhlcvBar bar) => _queue.Writer.TryWrite(new Item(new BarWrite(symbol, timeframe, bar, PriceSources.Synthetic), true, null));

    /// <summary>Completes when every bar queued before the call is written (or given up).</summary>
    public Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Item(default, false, done)))
        {
            done.TrySetResult(); // disposed: nothing more will be written
        }

        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        _stop.CancelAfter(MaxPause); // what was queued is written before the process goes, unless the store is down
        await _writer.ConfigureAwait(false);
        _stop.Dispose();
    }

    private void Drop(Item item)
    {
        if (item.Flushed is { } flushed)
        {
            flushed.TrySetResult(); // only bars queued before it are behind it, and the oldest go first
        }
        else
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task WriteLoopAsync()
    {
        var real = new List<BarWrite>();
        var synthetic = new List<BarWrite>();
        var flushes = new List<TaskCompletionSource>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (real.Count + synthetic.Count < BatchSize && _queue.Reader.TryRead(out var item))
            {
                if (item.Flushed is { } flushed)
                {
                    flushes.Add(flushed);
                }
                else
                {
                    (item.Synthetic ? synthetic : real).Add(item.Bar);
                }
            }

            var count = real.Count + synthetic.Count;
            Interlocked.Add(ref _written, count - await WriteAsync(real, synthetic).ConfigureAwait(false));

            real.Clear();
            synthetic.Clear();
            flushes.ForEach(f => f.TrySetResult());
            flushes.Clear();
        }
    }

    /// <returns>How many bars were given up at shutdown (none unless the store could not be written).</returns>
    private async Task<int> WriteAsync(List<BarWrite> real, List<BarWrite> synthetic)
    {
        var pause = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _store.Write(real);
                real.Clear(); // written: a retry of the synthetic part must not write these again
                foreach (var group in synthetic.GroupBy(b => (b.Symbol, b.Timeframe)))
                {
                    _store.WriteSynthetic(group.Key.Symbol, group.Key.Timeframe, [.. group.Select(b => b.Bar)]);
                }

                return 0;
            }
            catch (Exception e) when (e is DbException or IOException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    LogGivenUp(_logger, real.Count + synthetic.Count, _store.Location, e.Message);
                    Interlocked.Add(ref _dropped, real.Count + synthetic.Count);
                    return real.Count + synthetic.Count;
                }

                LogWriteFailed(_logger, _store.Location, attempt, e.Message);
                try
                {
                    await Task.Delay(pause, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // disposing: one last try
                }

                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
        }
    }

    private readonly record struct Item(BarWrite Bar, bool Synthetic, TaskCompletionSource? Flushed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bars: the store {Location} could not be written (attempt {Attempt}: {Why}); retrying")]
    private static partial void LogWriteFailed(ILogger logger, string location, int attempt, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bars: {Count} bar(s) not written to {Location} before shutting down ({Why})")]
    private static partial void LogGivenUp(ILogger logger, int count, string location, string why);
}
