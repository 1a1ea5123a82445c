using System.Text.Json;
using System.Threading.Channels;
using LowLatency.Bridge.Realtime;
using LowLatency.Engine.MarketData;
using LowLatency.ReadSide;
using Npgsql;

namespace LowLatency.Bridge.Cluster;

/// <summary>
/// The real-time feed across shards: every range of records a projector of this bridge has seen reach the read
/// side, read back from PostgreSQL and published on the <c>cluster</c> channel of the bridge's feeds (Socket.IO and
/// <c>/ws/price-feed</c>) as <c>cluster_order</c> (<c>{shard, sequence, order}</c>, the order as
/// <c>/api/cluster/orders</c> gives it, after the record that last changed it) and <c>cluster_fill</c> (as
/// <c>/api/cluster/fills</c>), in record order per shard; with <c>Bridge:Cluster:ServeFrontend</c> also the contract's
/// <c>order_update</c> on the <c>orders</c> channel, as <c>/api/orders</c> gives the order. Every bridge publishes the same events from the same rows,
/// so a client that loses its bridge reconnects to another, reads <c>/api/cluster/*</c> and goes on, dropping what it
/// has by shard and sequence.
/// </summary>
public sealed partial class ClusterFeed : IAsyncDisposable
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(200);
    private readonly Channel<(string Shard, long After, long UpTo)> _ranges = Channel.CreateUnbounded<(string, long, long)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly NpgsqlDataSource _database;
    private readonly InstrumentRegistry _registry;
    private readonly RealtimeHub _hub;
    private readonly ILogger _logger;
    private readonly bool _frontendOrders;
    private readonly Task _loop;
    private long _published;

    /// <param name="frontendOrders">Whether each order's change also goes out as the contract's <c>order_update</c> on the <c>orders</c> channel (<c>Bridge:Cluster:ServeFrontend</c>).</param>
    public ClusterFeed(NpgsqlDataSource database, InstrumentRegistry registry, RealtimeHub hub, ILogger logger, bool frontendOrders = false)
    {
        (_database, _registry, _hub, _logger, _frontendOrders) = (database, registry, hub, logger, frontendOrders);
        _loop = Task.Run(PublishLoopAsync);
    }

    /// <summary>Events published so far.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Takes a projector's <see cref="ShardProjector.Applied"/>; never waits.</summary>
    public void OnApplied(string shard, long after, long upTo) => _ranges.Writer.TryWrite((shard, after, upTo));

    public async ValueTask DisposeAsync()
    {
        _ranges.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task PublishLoopAsync()
    {
        try
        {
            await foreach (var (shard, after, upTo) in _ranges.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                await PublishAsync(shard, after, upTo).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    /// <summary>The range's events; while PostgreSQL cannot be read they wait (the rows are committed, so they will be there).</summary>
    private async Task PublishAsync(string shard, long after, long upTo)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var orders = await ReadSideQueries.OrdersChangedAsync(_database, shard, after, upTo, _stop.Token).ConfigureAwait(false);
                var fills = await ReadSideQueries.FillsBetweenAsync(_database, shard, after, upTo, _stop.Token).ConfigureAwait(false);
                var known = orders.Where(o => ClusterEndpoints.Known(_registry, o.InstrumentId)).ToList();
                var contract = _frontendOrders ? known.Select(o => (Sequence: o.LastSequence, Channel: "orders", Name: "order_update", Data: (object?)ClusterViews.ContractOrder(o, _registry))) : [];
                var events = known
                    .Select(o => (Sequence: o.LastSequence, Channel: "cluster", Name: "cluster_order", Data: (object?)new { shard, sequence = o.LastSequence, order = ClusterViews.Order(o, _registry.All[o.InstrumentId]) }))
                    .Concat(contract.Where(e => e.Data is not null))
                    .Concat(fills.Where(f => ClusterEndpoints.Known(_registry, f.InstrumentId)).Select(f => (f.Sequence, Channel: "cluster", Name: "cluster_fill", Data: (object?)ClusterViews.Fill(f, _registry.All[f.InstrumentId]))))
                    .OrderBy(e => e.Sequence).ThenBy(e => e.Name, StringComparer.Ordinal); // a fill's record before the order's state after it
                foreach (var (_, channel, name, data) in events)
                {
                    _hub.PublishEvent(channel, name, JsonSerializer.Serialize(data, Frames.Json));
                    Interlocked.Increment(ref _published);
                }

                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException && !_stop.IsCancellationRequested)
            {
                if (attempt == 1)
                {
                    LogReadFailed(_logger, shard, after + 1, upTo, e.Message);
                }

                await Task.Delay(RetryPause, _stop.Token).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster feed: records {From}..{To} of shard {Shard} could not be read back ({Why}); retrying")]
    private static partial void LogReadFailed(ILogger logger, string shard, long from, long to, string why);
}
