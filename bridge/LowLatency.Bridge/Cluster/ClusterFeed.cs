using System.Text.Json;
using System.Threading.Channels;
using LowLatency.Bridge.Alerts;
using LowLatency.Bridge.Engine;
using LowLatency.Bridge.Realtime;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.State;
using LowLatency.ReadSide;
using Npgsql;

namespace LowLatency.Bridge.Cluster;

/// <summary>
/// The real-time feed across shards: every range of records a projector of this bridge has seen reach the read
/// side, read back from PostgreSQL and published on the <c>cluster</c> channel of the bridge's feeds (Socket.IO and
/// <c>/ws/price-feed</c>) as <c>cluster_order</c> (<c>{shard, sequence, order}</c>, the order as
/// <c>/api/cluster/orders</c> gives it, after the record that last changed it) and <c>cluster_fill</c> (as
/// <c>/api/cluster/fills</c>), in record order per shard; with <c>Bridge:Cluster:ServeFrontend</c> also the contract's
/// events as the linked bridge words them (<see cref="Engine.TradingEvents"/>), every shard's: <c>order_update</c> as
/// <c>/api/orders</c> gives the order, <c>fill</c> with the order's <c>SHARD:ID</c>, <c>position_update</c> after a
/// range's fills as <c>/api/positions</c> gives the position (the row's latest), and <c>trading_status</c> and
/// <c>risk_alert</c> naming their shard. Every bridge publishes the same events from the same rows,
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
    private readonly bool _frontend;
    private readonly AccountOptions _account;
    private readonly Func<IReadOnlyList<MarkSnapshot>> _marks;
    private readonly AlertService? _alerts;
    private readonly long _startedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private readonly Task _loop;
    private long _published;

    /// <param name="frontend">Whether the contract's events go out too (<c>Bridge:Cluster:ServeFrontend</c>).</param>
    /// <param name="account">How positions are marked, as <c>/api/positions</c> marks them.</param>
    /// <param name="marks">Every shard's latest marks.</param>
    /// <param name="alerts">With <paramref name="frontend"/>: the alert rules, told every shard's risk events (those recorded since this bridge started: a bridge catching up does not alert on the past).</param>
    public ClusterFeed(NpgsqlDataSource database, InstrumentRegistry registry, RealtimeHub hub, ILogger logger, bool frontend, AccountOptions account, Func<IReadOnlyList<MarkSnapshot>> marks, AlertService? alerts = null)
    {
        (_database, _registry, _hub, _logger, _frontend, _account, _marks, _alerts) = (database, registry, hub, logger, frontend, account, marks, alerts);
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
                var events = known
                    .Select(o => new FeedEvent(o.LastSequence, 1, "cluster", "cluster_order", new { shard, sequence = o.LastSequence, order = ClusterViews.Order(o, _registry.All[o.InstrumentId]) }))
                    .Concat(fills.Where(f => ClusterEndpoints.Known(_registry, f.InstrumentId)).Select(f => new FeedEvent(f.Sequence, 0, "cluster", "cluster_fill", ClusterViews.Fill(f, _registry.All[f.InstrumentId]))))
                    .Concat(_frontend ? await ContractEventsAsync(shard, after, upTo, known).ConfigureAwait(false) : [])
                    .OrderBy(e => e.Sequence).ThenBy(e => e.Rank);
                foreach (var e in events)
                {
                    _hub.PublishEvent(e.Channel, e.Name, JsonSerializer.Serialize(e.Data, Frames.Json));
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

    /// <summary>
    /// The contract's events of a range, ranked within a record as the linked bridge sends them: the order after the
    /// record, the fill, the position after it, the status and its alert.
    /// </summary>
    private async Task<List<FeedEvent>> ContractEventsAsync(string shard, long after, long upTo, List<ReadSideQueries.OrderRow> orders)
    {
        var events = orders.Select(o => (o.LastSequence, Order: ClusterViews.ContractOrder(o, _registry))).Where(o => o.Order is not null)
            .Select(o => new FeedEvent(o.LastSequence, 2, "orders", "order_update", o.Order)).ToList();
        var records = await ReadSideQueries.RecordsBetweenAsync(_database, shard, after, upTo, [RecordType.Fill, RecordType.StatusChanged, RecordType.OrderRejected], _stop.Token).ConfigureAwait(false);
        foreach (var r in records.Where(r => r.TimeMs >= _startedMs))
        {
            if (_alerts is not null && TradingEvents.RiskEvent(r, _registry, shard) is var (instrument, what))
            {
                _alerts.OnRiskEvent(instrument, what, r.TimeMs);
            }
        }

        foreach (var r in records.Where(r => r.Type == RecordType.StatusChanged))
        {
            events.Add(new FeedEvent(r.Sequence, 5, "status", "trading_status", TradingEvents.StatusEvent(r, shard)));
            if (TradingEvents.IsRiskAlert(r))
            {
                events.Add(new FeedEvent(r.Sequence, 6, "status", "risk_alert", TradingEvents.StatusEvent(r, shard)));
            }
        }

        var filled = records.Where(r => r.Type == RecordType.Fill && ClusterEndpoints.Known(_registry, r.InstrumentId)).ToList();
        events.AddRange(filled.Select(r => new FeedEvent(r.Sequence, 3, "fills", "fill", TradingEvents.FillEvent(_registry.All[r.InstrumentId], r, ClusterViews.Id(shard, r.OrderId)))));
        if (filled.Count > 0)
        {
            var positions = await ReadSideQueries.PositionsAsync(_database, _stop.Token, shard).ConfigureAwait(false);
            var working = (await ReadSideQueries.WorkingOrdersOfOpenPositionsAsync(_database, _stop.Token, shard).ConfigureAwait(false)).Where(o => ClusterEndpoints.Known(_registry, o.InstrumentId)).ToList();
            foreach (var last in filled.GroupBy(r => r.InstrumentId).Select(g => g.Last()))
            {
                var instrument = _registry.All[last.InstrumentId];
                var row = positions.FirstOrDefault(p => p.InstrumentId == instrument.Id);
                var open = ClusterViews.ContractPositions(positions.Where(p => p.InstrumentId == instrument.Id), working, _marks(), _registry, _account, (instrument.Id, instrument.Symbol));
                object? position = open.Count > 0 ? open[0] : row is { QuantityLots: 0 } ? TradingEvents.FlatPosition(instrument, row.RealizedPnl, last.TimeMs) : null;
                if (position is not null)
                {
                    events.Add(new FeedEvent(last.Sequence, 4, "positions", "position_update", position));
                }
            }
        }

        return events;
    }

    /// <summary>One event of a range: at which record, its rank among that record's events, where it goes, what it says.</summary>
    private readonly record struct FeedEvent(long Sequence, int Rank, string Channel, string Name, object? Data);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster feed: records {From}..{To} of shard {Shard} could not be read back ({Why}); retrying")]
    private static partial void LogReadFailed(ILogger logger, string shard, long from, long to, string why);
}
