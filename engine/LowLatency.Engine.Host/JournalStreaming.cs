using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.State;
using LowLatency.Ipc;
using LowLatency.EventStream;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host;

/// <summary>
/// The engine's journal on the event stream when <c>cluster.nats</c> is set: the publisher beside the trading
/// threads, what retention may retire (nothing unpublished; everything when there is no stream), and the journal's
/// figures for the stats.
/// </summary>
internal sealed class JournalStreaming(ClusterConfig cluster, ILogger logger) : IDisposable
{
    private JournalPublisher? _publisher;

    /// <summary>For <see cref="TradingStore.PublishedThrough"/>: with a stream, the last record it acknowledged (-1 before it was read).</summary>
    public long PublishedThrough() => cluster.Nats is null ? long.MaxValue : _publisher?.PublishedSequence ?? -1;

    /// <summary>Starts publishing the recovered journal, if there is a stream.</summary>
    public void Start(TradingStore store)
    {
        if (cluster.Nats is not { } url)
        {
            return;
        }

        _publisher = new JournalPublisher(new JournalPublisherOptions { Url = url, Shard = cluster.Shard, Window = cluster.PublishWindow },
            store.JournalDirectory, () => store.DurableSequence, logger);
        _publisher.Start();
    }

    public JournalStats Stats(TradingStore store)
    {
        var retention = store.Retention;
        var retired = retention is null ? 0 : retention.Archived + retention.Deleted;
        return _publisher is { } publisher
            ? new JournalStats(store.DurableSequence, store.Rotations, retired, store.SyncError, Streaming: true, Math.Max(0, publisher.PublishedSequence), publisher.Backlog,
                publisher.Connected, publisher.LastError)
            : new JournalStats(store.DurableSequence, store.Rotations, retired, store.SyncError);
    }

    /// <summary>Stops publishing; what is left is published by the next start, after the stream's last record.</summary>
    public void Dispose() => _publisher?.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
