using LowLatency.Bridge.Cluster;
using LowLatency.Bridge.Engine;
using LowLatency.Bridge.Realtime;
using LowLatency.History;
using LowLatency.Ipc.Client;
using Prometheus;

namespace LowLatency.Bridge.Observability;

/// <summary>
/// Gauges read at scrape time for <c>/metrics</c> (Prometheus text): WebSocket clients per kind, the engine
/// link's state, lag since its last message, the last engine sequence, reconnects, slow-client disconnects;
/// the engine's feeds (connected, last message age, rate, gaps, rejects), simulated prices and stale instruments;
/// the bar writer (written, dropped, pending) and, in a cluster, each shard's projection and the cluster feed.
/// HTTP request rates and durations come from prometheus-net's middleware.
/// </summary>
public static class BridgeMetrics
{
    // The gauges live in prometheus-net's process-wide registry, whose callbacks cannot be removed and run in no set
    // order: where one process hosts several bridges in turn (tests), only the newest one's callback writes them.
    private static int _newest;

    public static void Register(RealtimeHub hub, ReadModel model, EngineLinkClient link, BarWriteQueue bars, ClusterReadSide cluster)
    {
        var generation = Interlocked.Increment(ref _newest);
        RegisterStorage(generation, bars, cluster);
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(link);
        var clients = Metrics.CreateGauge("ll_bridge_websocket_clients", "Connected real-time clients.", "kind");
        var connected = Metrics.CreateGauge("ll_bridge_engine_connected", "1 while the engine link is up.");
        var lag = Metrics.CreateGauge("ll_bridge_engine_lag_seconds", "Seconds since the last message from the engine (heartbeats at least every second).");
        var sequence = Metrics.CreateGauge("ll_bridge_engine_sequence", "The last trading record sequence received from the engine.");
        var connects = Metrics.CreateGauge("ll_bridge_engine_connects", "Engine link (re)connections since start.");
        var slow = Metrics.CreateGauge("ll_bridge_slow_client_disconnects", "Real-time clients disconnected for not keeping up.");
        var engineLatency = Metrics.CreateGauge("ll_engine_latency_microseconds", "The engine's latency percentiles over its last status interval.", "path", "quantile");
        var engineTicks = Metrics.CreateGauge("ll_engine_ticks_per_second", "Ticks the engine took in over its last status interval.");
        var fixMessages = Metrics.CreateGauge("ll_fix_messages", "FIX messages on a venue session since the engine started.", "venue", "direction");
        var fixResends = Metrics.CreateGauge("ll_fix_resends", "FIX resend traffic: requests sent, requests received, messages resent.", "venue", "kind");
        var fixActive = Metrics.CreateGauge("ll_fix_session_active", "1 while the venue's FIX session is logged on.", "venue");
        var fixAck = Metrics.CreateGauge("ll_fix_order_ack_microseconds", "Order sent → first ExecutionReport over the engine's last status interval.", "venue", "quantile");
        var feedConnected = Metrics.CreateGauge("ll_feed_connected", "1 while the feed is connected (a replay that ran out, or a lost session, is 0).", "feed", "source");
        var feedAge = Metrics.CreateGauge("ll_feed_last_message_age_seconds", "Seconds since the feed's last message, as of the engine's last status interval.", "feed");
        var feedRate = Metrics.CreateGauge("ll_feed_messages_per_second", "Messages the feed published over the engine's last status interval.", "feed");
        var feedCounts = Metrics.CreateGauge("ll_feed_messages", "The feed's messages since the engine started: published, gaps, rejects.", "feed", "kind");
        var markPrice = Metrics.CreateGauge("ll_feed_mark_price", "A futures symbol's latest mark price from its feed's markPrice stream.", "feed", "symbol");
        var fundingRate = Metrics.CreateGauge("ll_feed_funding_rate", "A futures symbol's current funding rate from its feed's markPrice stream.", "feed", "symbol");
        var simulated = Metrics.CreateGauge("ll_simulated_prices", "1 while the simulator prices any instrument (SIMULATED PRICES).");
        var stale = Metrics.CreateGauge("ll_stale_instruments", "Instruments whose prices are stale (new orders refused with StaleMarketData).");
        var journalDurable = Metrics.CreateGauge("ll_journal_durable_sequence", "The engine journal's last durable record (synced, per the fsync policy).");
        var journalSegments = Metrics.CreateGauge("ll_journal_segments", "Journal segments since the engine started: started (rotations) and retired (archived or deleted).", "kind");
        var streamPublished = Metrics.CreateGauge("ll_journal_stream_published_sequence", "The last journal record the event stream acknowledged.");
        var streamBacklog = Metrics.CreateGauge("ll_journal_stream_backlog_records", "Durable journal records not yet acknowledged by the event stream (the journal buffers them).");
        var streamConnected = Metrics.CreateGauge("ll_journal_stream_connected", "1 while the journal is being published to the event stream.");
        Metrics.DefaultRegistry.AddBeforeCollectCallback(() =>
        {
            if (generation != Volatile.Read(ref _newest))
            {
                return;
            }

            clients.WithLabels(Frames.SocketIo).Set(hub.CountOf(Frames.SocketIo));
            clients.WithLabels(Frames.WebSocket).Set(hub.CountOf(Frames.WebSocket));
            connected.Set(link.Connected ? 1 : 0);
            lag.Set(model.LastEngineMessage is { } last ? (DateTimeOffset.UtcNow - last).TotalSeconds : double.NaN);
            sequence.Set(link.LastSequence);
            connects.Set(link.Connects);
            slow.Set(hub.SlowDisconnects);
            if (model.Stats is { } stats)
            {
                engineTicks.Set(stats.TicksPerSecond);
                engineLatency.WithLabels("tick_to_signal", "0.5").Set(stats.TickToSignalP50Us ?? double.NaN);
                engineLatency.WithLabels("tick_to_signal", "0.99").Set(stats.TickToSignalP99Us ?? double.NaN);
                engineLatency.WithLabels("tick_to_routed", "0.5").Set(stats.TickToRoutedP50Us ?? double.NaN);
                engineLatency.WithLabels("tick_to_routed", "0.99").Set(stats.TickToRoutedP99Us ?? double.NaN);
                engineLatency.WithLabels("tick_to_order", "0.5").Set(stats.TickToOrderP50Us ?? double.NaN);
                engineLatency.WithLabels("tick_to_order", "0.99").Set(stats.TickToOrderP99Us ?? double.NaN);
                simulated.Set(stats.SimulatedPrices ? 1 : 0);
                if (stats.Journal is { } journal)
                {
                    journalDurable.Set(journal.DurableSequence);
                    journalSegments.WithLabels("started").Set(journal.SegmentsStarted);
                    journalSegments.WithLabels("retired").Set(journal.SegmentsRetired);
                    streamPublished.Set(journal.PublishedSequence ?? double.NaN);
                    streamBacklog.Set(journal.StreamBacklog ?? double.NaN);
                    streamConnected.Set(journal.Streaming ? journal.StreamConnected ? 1 : 0 : double.NaN);
                }

                stale.Set(stats.StaleSymbols?.Count ?? 0);
                foreach (var feed in stats.Feeds ?? [])
                {
                    feedConnected.WithLabels(feed.Name, feed.Source).Set(feed.Connected ? 1 : 0);
                    feedAge.WithLabels(feed.Name).Set(feed.LastMessageAgeMs is { } age ? age / 1000 : double.NaN);
                    feedRate.WithLabels(feed.Name).Set(feed.MessagesPerSecond);
                    feedCounts.WithLabels(feed.Name, "published").Set(feed.Messages);
                    feedCounts.WithLabels(feed.Name, "gaps").Set(feed.Gaps);
                    feedCounts.WithLabels(feed.Name, "rejects").Set(feed.Rejects);
                    foreach (var mark in feed.Marks ?? [])
                    {
                        markPrice.WithLabels(feed.Name, mark.Symbol).Set((double)mark.MarkPrice);
                        fundingRate.WithLabels(feed.Name, mark.Symbol).Set((double)mark.FundingRate);
                    }
                }

                foreach (var venue in stats.Venues ?? [])
                {
                    fixMessages.WithLabels(venue.Name, "in").Set(venue.MessagesIn);
                    fixMessages.WithLabels(venue.Name, "out").Set(venue.MessagesOut);
                    fixResends.WithLabels(venue.Name, "requests_sent").Set(venue.ResendRequestsSent);
                    fixResends.WithLabels(venue.Name, "requests_received").Set(venue.ResendRequestsReceived);
                    fixResends.WithLabels(venue.Name, "messages_resent").Set(venue.MessagesResent);
                    fixActive.WithLabels(venue.Name).Set(VenueStates.Connected(venue) ? 1 : 0);
                    fixAck.WithLabels(venue.Name, "0.5").Set(venue.OrderToAckP50Us ?? double.NaN);
                    fixAck.WithLabels(venue.Name, "0.99").Set(venue.OrderToAckP99Us ?? double.NaN);
                }
            }
        });
    }

    private static void RegisterStorage(int generation, BarWriteQueue bars, ClusterReadSide cluster)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(cluster);
        var barWrites = Metrics.CreateGauge("ll_bridge_bar_writes", "Bars through the history store's writer since start: written, dropped (the queue full while the store was down), pending.", "kind");
        var projected = Metrics.CreateGauge("ll_read_side_sequence", "The last record of each shard this bridge's projection applied.", "shard");
        var written = Metrics.CreateGauge("ll_read_side_written_records", "Records of each shard this bridge wrote to the read side since start (others wrote the rest).", "shard");
        var reading = Metrics.CreateGauge("ll_read_side_reading", "1 while the shard's projection is reading its stream (0 after an error until the next round).", "shard");
        var feed = Metrics.CreateGauge("ll_cluster_feed_events", "Events published on the cluster channel since start.");
        var audit = Metrics.CreateGauge("ll_cluster_audit_rows", "Audit rows of commands this bridge sent shards, since start: written to ll_audit, lost (a full queue, or unwritten at stop).", "kind");
        var budgets = Metrics.CreateGauge("ll_risk_budget", "This bridge's risk-budget coordinator while it leads: each shard's open-positions, gross-exposure, daily-loss and drawdown slices and their use, and the moves it made since start (shard \"all\").", "shard", "kind");
        Metrics.DefaultRegistry.AddBeforeCollectCallback(() =>
        {
            if (generation != Volatile.Read(ref _newest))
            {
                return;
            }

            barWrites.WithLabels("written").Set(bars.Written);
            barWrites.WithLabels("dropped").Set(bars.Dropped);
            barWrites.WithLabels("pending").Set(bars.Pending);
            foreach (var projector in cluster.Projectors)
            {
                projected.WithLabels(projector.Shard).Set(projector.Sequence);
                written.WithLabels(projector.Shard).Set(projector.Written);
                reading.WithLabels(projector.Shard).Set(projector.LastError is null ? 1 : 0);
            }

            feed.Set(cluster.FeedEvents);
            audit.WithLabels("written").Set(cluster.AuditRows.Written);
            audit.WithLabels("lost").Set(cluster.AuditRows.Lost);
            if (cluster.Coordinator is { } coordinator)
            {
                budgets.WithLabels("all", "moves").Set(coordinator.Moves);
                foreach (var (shard, report) in coordinator.Reports)
                {
                    budgets.WithLabels(shard, "max_open_positions").Set(report.Budget.MaxOpenPositions);
                    budgets.WithLabels(shard, "open_positions").Set(report.OpenPositions);
                    budgets.WithLabels(shard, "max_gross_exposure").Set(report.Budget.MaxGrossExposure);
                    budgets.WithLabels(shard, "gross_exposure").Set(report.GrossExposure);
                    budgets.WithLabels(shard, "max_daily_loss").Set(report.MaxDailyLoss);
                    budgets.WithLabels(shard, "daily_loss").Set(report.DailyLoss);
                    budgets.WithLabels(shard, "max_drawdown").Set(report.MaxDrawdown);
                    budgets.WithLabels(shard, "drawdown").Set(report.Drawdown);
                }
            }
        });
    }
}
