using LowLatency.Bridge.Configuration;
using LowLatency.Bridge.Engine;
using LowLatency.Bridge.Realtime;
using LowLatency.Engine.Commands;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.EventStream;
using LowLatency.ReadSide;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using Npgsql;

namespace LowLatency.Bridge.Cluster;

/// <summary>
/// The bridge's part of the shared read side when <c>Bridge:Cluster</c> is set: a projector per shard of the map
/// (each bridge runs its own; between them every record is written once), the database they share for reads, and
/// the NATS connection orders go to the shards on. A bridge holds no state of its own here: any bridge answers
/// alike, and one that is lost costs its clients a reconnect.
/// </summary>
public sealed class ClusterReadSide(IOptions<BridgeOptions> options, InstrumentRegistry registry, AccountOptions account, RealtimeHub hub, ReadModel model, Alerts.AlertService alerts,
    Alerts.AlertLeadership alertLeadership, ILogger<ClusterReadSide> logger) : IHostedService, IAsyncDisposable
{
    private readonly ClusterOptions _cluster = options.Value.Cluster;
    private volatile ShardProjector[] _projectors = []; // replaced whole, so /metrics can read it while the bridge starts or stops
    private NpgsqlDataSource? _database;
    private NatsConnection? _nats;
    private ClusterFeed? _feed;
    private RiskBudgetCoordinator? _coordinator;
    private ClusterMarks? _marks;
    private ClusterAuditWriter? _audit;
    private BackgroundRun? _alertLease;

    /// <summary>The bucket of the lease whose holder evaluates the cluster's alert rules.</summary>
    public const string AlertLeaseBucket = "LL_ALERTS_LEASE";

    public bool Enabled => _cluster.Enabled;

    /// <summary>For reads (null when cluster mode is off).</summary>
    public NpgsqlDataSource? Database => _database;

    public IReadOnlyList<ShardProjector> Projectors => _projectors;

    /// <summary>The shards of the map.</summary>
    public IReadOnlyCollection<string> Shards => _cluster.Shards.Keys;

    /// <summary>Events the cluster feed published since start.</summary>
    public long FeedEvents => _feed?.Published ?? 0;

    /// <summary>Every shard's latest marks (null when cluster mode is off).</summary>
    public ClusterMarks? Marks => _marks;

    /// <summary>The account as configured (its currency and rates mark every shard's positions alike).</summary>
    public AccountOptions Account => account;

    /// <summary>Orders to the owning shard (null when cluster mode is off).</summary>
    public ShardCommandClient? Commands { get; private set; }

    /// <summary>The risk-budget coordinator when this bridge runs it (<see cref="ClusterOptions.Coordinator"/>).</summary>
    public RiskBudgetCoordinator? Coordinator => _coordinator;

    public TimeSpan CommandTimeout => TimeSpan.FromSeconds(_cluster.CommandTimeoutSeconds);

    /// <summary>This bridge's name in the cluster (its projections' and its audit rows').</summary>
    public string Name => _cluster.BridgeName;

    /// <summary>
    /// Adds a command this bridge sent <paramref name="shard"/> to the shared trail (<c>ll_audit</c>), written beside
    /// the request (<see cref="ClusterAuditWriter"/>): the answer never waits for it.
    /// </summary>
    public void Audit(HttpContext? context, Command command, string shard, string result, int status)
    {
        var row = Storage.AuditRow.Of(context, command, registry, result, status);
        _audit?.Add(new ReadSideQueries.AuditRow(row.TimeMs, Name, row.Who, row.Method, row.Path, $"{row.Command} to {shard}", row.Result, row.Status));
    }

    /// <summary>Audit rows written and lost since start.</summary>
    public (long Written, long Lost) AuditRows => (_audit?.Written ?? 0, _audit?.Lost ?? 0);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return Task.CompletedTask;
        }

        var shards = _cluster.Shards.ToDictionary(s => s.Key, s => (IReadOnlyList<string>)s.Value);
        var map = new ShardMap(shards, registry); // a bad map stops the bridge at start, with the reason
        var name = Name;
        var shardAccount = account.Share(_cluster.RiskShare);
        _database = NpgsqlDataSource.Create(_cluster.Database!);
        _audit = new ClusterAuditWriter(_database, logger);
        _nats = new NatsConnection(new NatsOpts { Url = _cluster.Nats!, Name = $"ll-bridge-{name}" });
        Commands = new ShardCommandClient(_nats, map, map.Shards[0]);
        if (_cluster.ServeFrontend)
        {
            // A shard's feeds price its own instruments only: every other one is shown at its owner's marks.
            var linked = EngineSettings.LoadWithShard(options.Value.EngineConfig).Shard;
            model.Sources.PriceFromCluster(registry.All.Where(i => linked is null || !map.Owns(linked, i.Id)).Select(i => i.Id));
        }

        _marks = new ClusterMarks(_nats, logger, _cluster.ServeFrontend ? model.OnClusterMark : null);
        _marks.Start();
        _feed = new ClusterFeed(_database, registry, hub, logger, _cluster.ServeFrontend, account, _marks.Latest, _cluster.ServeFrontend ? alerts : null);
        var projectors = new List<ShardProjector>();
        foreach (var shard in map.Shards)
        {
            var projector = new ShardProjector(new ShardProjectorOptions { Nats = _cluster.Nats!, Database = _cluster.Database!, Shard = shard, Projector = name }, registry, shardAccount, logger);
            projector.Applied += _feed.OnApplied;
            projectors.Add(projector);
            projector.Start();
        }

        _projectors = [.. projectors];
        if (_cluster.ServeFrontend)
        {
            // The rules are every bridge's (the cluster's settings): the lease's holder alone evaluates them, so each fires once.
            alertLeadership.Leading = false;
            var lease = new CoordinatorLease(_nats, name, TimeSpan.FromSeconds(3), AlertLeaseBucket, "alerts");
            _alertLease = new BackgroundRun();
            _alertLease.Start(async stop =>
            {
                try
                {
                    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
                    do
                    {
                        alertLeadership.Leading = await lease.HoldAsync(stop).ConfigureAwait(false);
                    }
                    while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
            });
        }

        if (_cluster.Coordinator)
        {
            var interval = TimeSpan.FromSeconds(_cluster.CoordinatorIntervalSeconds);
            _coordinator = new RiskBudgetCoordinator(Commands, new RiskBudgetCoordinatorOptions { Shards = map.Shards, Interval = interval, CommandTimeout = CommandTimeout }, logger,
                new CoordinatorLease(_nats, name, interval * 5 > TimeSpan.FromSeconds(2) ? interval * 5 : TimeSpan.FromSeconds(2))); // a few rounds: a pause of one round does not hand it over
            _coordinator.Start();
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_alertLease is not null)
        {
            await _alertLease.DisposeAsync().ConfigureAwait(false);
            alertLeadership.Leading = false;
            _alertLease = null;
        }

        if (_coordinator is not null)
        {
            await _coordinator.DisposeAsync().ConfigureAwait(false);
            _coordinator = null;
        }

        var projectors = _projectors;
        _projectors = [];
        foreach (var projector in projectors)
        {
            await projector.DisposeAsync().ConfigureAwait(false);
        }

        if (_feed is not null)
        {
            await _feed.DisposeAsync().ConfigureAwait(false);
            _feed = null;
        }

        if (_marks is not null)
        {
            await _marks.DisposeAsync().ConfigureAwait(false);
            _marks = null;
        }

        if (_audit is not null)
        {
            await _audit.DisposeAsync().ConfigureAwait(false);
            _audit = null;
        }

        if (_nats is not null)
        {
            await _nats.DisposeAsync().ConfigureAwait(false);
            _nats = null;
        }

        if (_database is not null)
        {
            await _database.DisposeAsync().ConfigureAwait(false);
            _database = null;
        }
    }
}
