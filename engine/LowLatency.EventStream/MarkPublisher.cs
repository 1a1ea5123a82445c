using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using LowLatency.Engine.State;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace LowLatency.EventStream;

/// <summary>
/// Puts a shard's latest quote of each instrument it owns on the <see cref="MarkBoard"/>, with where its prices come
/// from and whether they are stale, at most once per interval and only when the quote or its staleness changed, on a task of its own: it reads the pipeline's quote slots (written by the
/// trading thread, read here without locks), so the trading thread never waits for it. While NATS is away the
/// marks are not kept: the next put after reconnection carries the latest.
/// </summary>
/// <param name="sources">Each instrument's price source (by id), as the shard's feeds say.</param>
/// <param name="isStale">Whether the shard's risk checks hold an instrument's prices stale now (read from any thread).</param>
public sealed partial class MarkPublisher(string url, string shard, InstrumentRegistry registry, IReadOnlyList<int> instruments, LatestValues<Tick> quotes, TimeSpan interval,
    IReadOnlyList<string?> sources, Func<int, bool> isStale, ILogger logger) : IAsyncDisposable
{
    private readonly BackgroundRun _run = new();
    private readonly long[] _published = new long[registry.Count];
    private readonly bool[] _publishedStale = new bool[registry.Count];
    private bool _progressed;
    private string? _lastError;

    /// <summary>Marks put since start.</summary>
    public long Published { get; private set; }

    public void Start() => _run.Start(RunAsync);

    public ValueTask DisposeAsync() => _run.DisposeAsync();

    private async Task RunAsync(CancellationToken stop)
    {
        await using var nats = new NatsConnection(new NatsOpts { Url = url, Name = $"ll-shard-{shard}-marks", RetryOnInitialConnect = true });
        await RetryLoop.RunAsync(round => PublishAsync(nats, round), TookProgress, Failed, interval, TimeSpan.FromSeconds(2), stop).ConfigureAwait(false);
    }

    /// <summary>One round: the bucket asked for (found, or made anew after a server that lost its memory storage), then a put of what changed every interval.</summary>
    private async Task PublishAsync(NatsConnection nats, CancellationToken stop)
    {
        var store = await JetStreamCreation.RacingAsync(() => new NatsKVContext(new NatsJSContext(nats)).CreateOrUpdateStoreAsync(MarkBoard.Config(), stop).AsTask(), stop)
            .ConfigureAwait(false);
        while (!stop.IsCancellationRequested)
        {
            await PutChangedAsync(store, stop).ConfigureAwait(false);
            (_progressed, _lastError) = (true, null);
            await Task.Delay(interval, stop).ConfigureAwait(false);
        }
    }

    private bool TookProgress()
    {
        var progressed = _progressed;
        _progressed = false;
        return progressed;
    }

    private bool Failed(Exception e)
    {
        if (_lastError != e.Message)
        {
            LogFailed(logger, shard, e.Message);
            _lastError = e.Message;
        }

        return true; // marks are a view: whatever a round met, the next round publishes the latest
    }

    private async Task PutChangedAsync(INatsKVStore store, CancellationToken stop)
    {
        foreach (var id in instruments)
        {
            var version = quotes.Read(id, out var tick);
            var stale = isStale(id);
            if (version == 0 || (version == _published[id] && stale == _publishedStale[id]) || tick.BidTicks <= 0 || tick.AskTicks <= 0)
            {
                continue;
            }

            var mark = new MarkSnapshot { Symbol = registry[id].Symbol, BidTicks = tick.BidTicks, AskTicks = tick.AskTicks, TimeMs = tick.TimestampMs, Source = sources[id], Stale = stale };
            await store.PutAsync(MarkBoard.Key(shard, id), MarkBoard.Encode(mark), cancellationToken: stop).ConfigureAwait(false);
            (_published[id], _publishedStale[id]) = (version, stale);
            Published++;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "marks: shard {Shard}: {Problem}; retrying")]
    private static partial void LogFailed(ILogger logger, string shard, string problem);
}
