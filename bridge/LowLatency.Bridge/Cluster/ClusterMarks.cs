using System.Collections.Concurrent;
using LowLatency.Engine.State;
using LowLatency.EventStream;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace LowLatency.Bridge.Cluster;

/// <summary>
/// Every shard's latest marks, as the <see cref="MarkBoard"/> holds them: watched from the start of each round (the
/// bucket's current values first, then each change), so a bridge started late or reconnected has them at once.
/// The bridge marks every shard's positions with them, and a bridge that serves the frontend shows them as the
/// prices of the instruments its engine does not own (<paramref name="onMark"/>, called with each one read).
/// </summary>
public sealed partial class ClusterMarks(INatsConnection nats, ILogger logger, Action<MarkSnapshot>? onMark = null) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, MarkSnapshot> _marks = new(StringComparer.Ordinal);
    private readonly BackgroundRun _run = new();
    private bool _progressed;
    private string? _lastError;

    /// <summary>Marks read since start.</summary>
    public long Received { get; private set; }

    /// <summary>The latest mark of each instrument (the newest where two shards both published one), by symbol.</summary>
    public IReadOnlyList<MarkSnapshot> Latest() =>
        [.. _marks.Values.GroupBy(m => m.Symbol, StringComparer.Ordinal).Select(g => g.MaxBy(m => m.TimeMs)!).OrderBy(m => m.Symbol, StringComparer.Ordinal)];

    public void Start() => _run.Start(stop => RetryLoop.RunAsync(WatchAsync, Progressed, Failed, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), stop));

    public ValueTask DisposeAsync() => _run.DisposeAsync();

    private async Task WatchAsync(CancellationToken stop)
    {
        var kv = new NatsKVContext(new NatsJSContext(nats));
        var store = await JetStreamCreation.RacingAsync(() => kv.CreateOrUpdateStoreAsync(MarkBoard.Config(), stop).AsTask(), stop).ConfigureAwait(false);
        await foreach (var entry in store.WatchAsync<byte[]>(">", cancellationToken: stop).ConfigureAwait(false))
        {
            (_progressed, _lastError) = (true, null);
            if (entry.Operation != NatsKVOperation.Put)
            {
                _marks.TryRemove(entry.Key, out _);
            }
            else if (entry.Value is { } value && MarkBoard.Decode(value) is { } mark)
            {
                _marks[entry.Key] = mark;
                Received++;
                onMark?.Invoke(mark);
            }
        }
    }

    private bool Progressed()
    {
        var progressed = _progressed;
        _progressed = false;
        return progressed;
    }

    private bool Failed(Exception e)
    {
        if (_lastError != e.Message)
        {
            LogFailed(logger, e.Message);
            _lastError = e.Message;
        }

        return true; // NATS away, the bucket gone with a restarted server: the next round watches it afresh
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster marks: {Problem}; retrying")]
    private static partial void LogFailed(ILogger logger, string problem);
}
