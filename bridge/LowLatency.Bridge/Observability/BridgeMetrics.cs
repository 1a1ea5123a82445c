using LowLatency.Bridge.Engine;
using LowLatency.Bridge.Realtime;
using LowLatency.Fix.Session;
using LowLatency.Ipc.Client;
using Prometheus;

namespace LowLatency.Bridge.Observability;

/// <summary>
/// Gauges read at scrape time for <c>/metrics</c> (Prometheus text): WebSocket clients per kind, the engine
/// link's state, lag since its last message, the last engine sequence, reconnects, slow-client disconnects.
/// HTTP request rates and durations come from prometheus-net's middleware.
/// </summary>
public static class BridgeMetrics
{
    public static void Register(RealtimeHub hub, ReadModel model, EngineLinkClient link)
    {
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
        Metrics.DefaultRegistry.AddBeforeCollectCallback(() =>
        {
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
                foreach (var venue in stats.Venues ?? [])
                {
                    fixMessages.WithLabels(venue.Name, "in").Set(venue.MessagesIn);
                    fixMessages.WithLabels(venue.Name, "out").Set(venue.MessagesOut);
                    fixResends.WithLabels(venue.Name, "requests_sent").Set(venue.ResendRequestsSent);
                    fixResends.WithLabels(venue.Name, "requests_received").Set(venue.ResendRequestsReceived);
                    fixResends.WithLabels(venue.Name, "messages_resent").Set(venue.MessagesResent);
                    fixActive.WithLabels(venue.Name).Set(venue.State == FixSessionState.Active.WireName() ? 1 : 0);
                    fixAck.WithLabels(venue.Name, "0.5").Set(venue.OrderToAckP50Us ?? double.NaN);
                    fixAck.WithLabels(venue.Name, "0.99").Set(venue.OrderToAckP99Us ?? double.NaN);
                }
            }
        });
    }
}
