using System.Diagnostics;
using LowLatency.Disruptor;
using LowLatency.Disruptor.Dsl;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.Host.Feeds;
using LowLatency.Engine.Host.Venues;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using LowLatency.Engine.State;
using LowLatency.Engine.Strategies;
using LowLatency.Ipc.Server;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host;

/// <summary>
/// The headless engine process: recovers the trading state from the data directory, builds the ring with the
/// configured thread layout over the five pipeline stages, feeds it (simulator, CSV replay, FIX market data), prints a status
/// line at an interval, and on stop drains the ring, flushes the journal and writes a snapshot.
/// </summary>
public sealed partial class EngineHost(EngineConfig config, string dataDirectory, ILogger logger, TextWriter status, bool clearHalt = false)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);
    private LowLatency.EventStream.CommandResponder? _commandResponder;

    /// <summary>The running pipeline (null before <see cref="Run"/> built it); for tests and the bridge link.</summary>
    public TradingPipeline? Pipeline { get; private set; }

    /// <summary>Publishes commands into the running ring.</summary>
    public CommandPublisher? Commands { get; private set; }

    /// <summary>The FIX venues of this run (empty when every instrument trades on paper).</summary>
    public IReadOnlyList<FixVenue> Venues { get; private set; } = [];

    /// <summary>The Binance venues of this run.</summary>
    public IReadOnlyList<BinanceVenue> BinanceVenues { get; private set; } = [];

    /// <summary>Every real venue of this run (FIX and Binance).</summary>
    public IReadOnlyList<IRemoteVenue> RemoteVenues { get; private set; } = [];

    /// <summary>The feeds of this run (empty before <see cref="Run"/> built them).</summary>
    public IReadOnlyList<IMarketFeed> Feeds { get; private set; } = [];

    /// <summary>The bridge link, when enabled (null before <see cref="Run"/> built it).</summary>
    public EngineLinkServer? Link { get; private set; }

    /// <summary>With <c>cluster.nats</c>: whether the shard answers commands over NATS yet.</summary>
    public bool ServesCommands => _commandResponder?.Serving ?? false;

    /// <summary>Set once the ring is running and commands can be published.</summary>
    public ManualResetEventSlim Started { get; } = new();

    private StatusReporter? FinalStatus { get; set; }

    /// <summary>
    /// With <c>journal.beforeSend: written</c> (the default) the journal syncs on a thread of its own, which reports
    /// each synced position into the ring: orders leave once written, acknowledgements and venue confirmations
    /// wait for the sync. <c>beforeSend: synced</c> keeps the fsync on the trading thread, before anything leaves.
    /// </summary>
    private void SyncBeside(TradingStore store, TradingCore core, RingBuffer<EngineEvent> ring)
    {
        if (config.Journal.BeforeSend != LowLatency.Engine.Journal.DurabilityPoint.Written)
        {
            return;
        }

        store.AttachSyncer(position =>
        {
            if (!ring.TryNext(out var sequence, Stopwatch.GetTimestamp() + Stopwatch.Frequency))
            {
                return; // stopping, or the ring full for a second: the next sync says as much
            }

            ring[sequence].SetJournalSynced(position, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Stopwatch.GetTimestamp());
            ring.Publish(sequence);
        });
        core.SyncBeside(config.Journal.BeforeAck);
    }

    /// <summary>Runs until <paramref name="stop"/> fires; returns the process exit code.</summary>
    public int Run(CancellationToken stop)
    {
        var registry = InstrumentRegistry.Load(config.Instruments);
        var shards = ShardScope.Map(config, registry);
        var (risk, account) = ShardScope.Budget(config, shards, registry);
        var plan = FeedPlan.Build(config, registry, shards); // before anything starts: a real venue on made-up prices is refused here
        var strategies = StrategyLoader.LoadDirectory(config.Strategies, registry);
        ShardScope.CheckStrategies(strategies, shards, config.Cluster.Shard);
        var fixVenues = VenueSetup.Create(config.Venues, registry, dataDirectory, logger);
        Venues = fixVenues;
        BinanceVenues = VenueSetup.CreateBinance(config.Venues, registry, logger);
        IReadOnlyList<IRemoteVenue> remoteVenues = [.. fixVenues, .. BinanceVenues];
        RemoteVenues = remoteVenues;
        var pipeline = new TradingPipeline(registry, strategies, account, risk, config.Exchange, measureLatency: true,
            config.WarmOrderPathMs > 0 ? TimeSpan.FromMilliseconds(config.WarmOrderPathMs) : null, publishBars: config.Ipc.Enabled,
            venues: VenueSetup.Router(remoteVenues, registry.Count));
        using var streaming = new JournalStreaming(config.Cluster, logger);
        using var store = new TradingStore(dataDirectory, config.Journal) { PublishedThrough = streaming.PublishedThrough };
        var recovery = store.Open(pipeline.Core);
        foreach (var skipped in recovery.SkippedSnapshots)
        {
            LogSnapshotSkipped(logger, skipped);
        }

        if (recovery.Problem is not null)
        {
            LogTruncated(logger, store.JournalPath, recovery.Problem, recovery.BytesTruncated);
        }

        var highestSent = remoteVenues.Select(v => v.HighestIncarnationSent).DefaultIfEmpty(0).Max();
        pipeline.Core.BeginIncarnation(DataIncarnation.Begin(store.DataDirectory, DateTimeOffset.UtcNow, highestSent)); // durable before any order: in every ClOrdID
        LogRecovered(logger, store.DataDirectory, recovery.Snapshot ?? "none", recovery.RecordsReplayed, recovery.LastSequence, pipeline.Core.Incarnation);
        Pipeline = pipeline;
        streaming.Start(store);
        pipeline.Core.Risk.WatchStaleness();

        using var disruptor = new Disruptor<EngineEvent>(null, config.Ring.Size, ProducerType.Multi, WaitStrategyFactory.Create(config.Ring.WaitStrategy), logger);
        EventHandlerGroup<EngineEvent>? chain = null;
        foreach (var thread in config.Threads)
        {
            var handlers = thread.Stages.Select(pipeline.Stage).ToArray();
            IEventHandler<EngineEvent> handler = handlers.Length == 1 ? handlers[0] : new SequentialEventHandler<EngineEvent>(handlers);
            var options = new ProcessorOptions
            {
                Name = $"ll-{thread.Name}",
                Cpu = thread.Cpu,
                MaxBatchSize = thread.MaxBatchSize,
                WaitStrategy = thread.WaitStrategy is null ? null : WaitStrategyFactory.Create(thread.WaitStrategy),
                ExceptionHandler = thread.Stages.Any(s => s is "risk" or "routing") ? new TradingFaultHandler(pipeline.Core, logger) : null,
            };
            chain = chain is null ? disruptor.HandleEventsWith(handler, options) : chain.Then(handler, options);
        }

        using var link = config.Ipc.Enabled ? NewLink(pipeline) : null;
        using var clusterCommands = new ClusterCommands(config.Cluster, shards, registry, pipeline, plan.SourceByInstrument, command => Commands?.TryPublish(command, TimeSpan.FromSeconds(1)) ?? false, logger);
        pipeline.Core.AttachListener(ListenerFanOut.Of([link?.Tap, clusterCommands.Responder]));
        _commandResponder = clusterCommands.Responder;
        StartLink(link); // before the ring: a taken port stops the engine before it trades
        var ring = disruptor.Start();
        SyncBeside(store, pipeline.Core, ring);
        Commands = new CommandPublisher(ring);
        clusterCommands.Start();
        var feeds = FeedFactory.Create(config, dataDirectory, ring, registry, plan, fixVenues, logger); // before the venues start: a feed on a venue's session hears its first logon
        Feeds = feeds;
        foreach (var venue in remoteVenues)
        {
            venue.Start(ring);
        }

        Link = link;
        var core = pipeline.Core;
        if (core.IsHalted && clearHalt)
        {
            LogHaltCleared(logger, core.StatusReason.ToString());
            Commands.TryPublish(new Command { Type = CommandType.ClearHalt }, TimeSpan.FromSeconds(5));
        }
        else if (core.IsHalted)
        {
            // A halt outlives restarts: autoStart never lifts it, only an operator does.
            LogRecoveredHalted(logger, core.StatusReason.ToString(), core.KillSwitch);
        }

        if (config.AutoStart && (!core.IsHalted || clearHalt))
        {
            Commands.TryPublish(new Command { Type = CommandType.Start }, TimeSpan.FromSeconds(5));
        }

        try
        {
            var reporter = new StatusReporter(config, plan, pipeline, feeds, status, () => RemoteVenues, () => Link, () => streaming.Stats(store));
            reporter.Write(beforeFeeds: true); // the first figures at once: they say where prices come from
            foreach (var feed in feeds)
            {
                feed.Start();
            }

            Started.Set();
            var layout = string.Join(" | ", config.Threads.Select(t => $"{t.Name}: {string.Join(" → ", t.Stages)}"));
            var feedNames = string.Join(", ", feeds.Select(f => $"{f.Name} ({f.Source})"));
            LogStarted(logger, config.Ring.Size, layout, strategies.Count, feedNames);
            if (plan.Simulated)
            {
                LogSimulated(logger, config.AllowSimulatedPrices ? " (allowSimulatedPrices: real venues may trade on them)" : "");
            }

            var interval = TimeSpan.FromSeconds(config.StatusIntervalSeconds);
            while (!stop.WaitHandle.WaitOne(interval))
            {
                reporter.Write();
            }

            foreach (var feed in feeds)
            {
                feed.Stop();
            }

            FinalStatus = reporter;
        }
        finally
        {
            foreach (var feed in feeds)
            {
                feed.Dispose();
            }
        }

        foreach (var venue in remoteVenues)
        {
            venue.Stop(); // logs out; reports still in the ring are applied by the drain below
        }

        var drained = disruptor.Shutdown(DrainTimeout);
        foreach (var venue in remoteVenues)
        {
            venue.Dispose();
        }

        FinalStatus?.Write();
        var published = feeds.Sum(f => f.Counters.Messages);
        LogStopped(logger, published, pipeline.Core.Sequence, drained);
        return drained ? 0 : 1;
    }

    private EngineLinkServer NewLink(TradingPipeline pipeline)
    {
        var tap = new EventTap();
        return new EngineLinkServer(config.Ipc, pipeline.Core, pipeline.Quotes, tap, command => Commands?.TryPublish(command, TimeSpan.FromSeconds(1)) ?? false, logger,
            LowLatency.Ipc.LinkSecret.LoadOrCreate(dataDirectory),
            pipeline.StrategySignals, pipeline.Strategies, pipeline.MinuteBars?.Closed);
    }

    private void StartLink(EngineLinkServer? link)
    {
        try
        {
            link?.Start();
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new LowLatency.Engine.Configuration.ConfigException("engine.json", "ipc.port", $"cannot listen on 127.0.0.1:{config.Ipc.Port} ({e.SocketErrorCode}); is another engine running? Set ipc.port, or ipc.enabled false");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIMULATED PRICES: the simulator prices some instruments; nothing it shows is a market{Allowed}")]
    private static partial void LogSimulated(ILogger logger, string allowed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal {Path}: {Problem}; truncated {Bytes} bytes after the last good record")]
    private static partial void LogTruncated(ILogger logger, string path, string problem, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Trading is HALTED (reason {Reason}, kill switch {KillSwitch}) as recovered from the journal; autoStart does not lift it. Clear it with POST /api/trading/clear-halt or start the engine with --clear-halt")]
    private static partial void LogRecoveredHalted(ILogger logger, string reason, bool killSwitch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "--clear-halt: the recovered halt (reason {Reason}) is lifted by the operator's flag")]
    private static partial void LogHaltCleared(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot skipped, the journal rebuilds the state instead: {Problem}")]
    private static partial void LogSnapshotSkipped(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "State recovered from {Directory}: snapshot {Snapshot}, {Records} journal records replayed, sequence {Sequence}; incarnation {Incarnation}")]
    private static partial void LogRecovered(ILogger logger, string directory, string snapshot, long records, long sequence, int incarnation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine started: ring {Size}, threads {Threads}, {Strategies} strategies, {Feed} feed")]
    private static partial void LogStarted(ILogger logger, int size, string threads, int strategies, string feed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine stopped: {Published} ticks published, last sequence {Sequence}, drained {Drained}")]
    private static partial void LogStopped(ILogger logger, long published, long sequence, bool drained);
}
