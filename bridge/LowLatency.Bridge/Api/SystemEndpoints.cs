using LowLatency.Bridge.Configuration;
using LowLatency.Bridge.Engine;
using LowLatency.Bridge.Storage;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using Microsoft.Extensions.Options;

namespace LowLatency.Bridge.Api;

/// <summary>Contract 2.2–2.3: health (with the engine link's state) and configuration (no secrets).</summary>
public static class SystemEndpoints
{
    /// <param name="auditFromCluster">Whether <c>/api/audit</c> is the cluster's shared trail (<c>ClusterTradingEndpoints</c>) rather than this bridge's.</param>
    public static void MapSystem(this IEndpointRouteBuilder app, bool auditFromCluster = false)
    {
        app.MapGet("/api/health", (EngineAccess engine, EngineGateway gateway) =>
        {
            var connected = gateway.Connected && engine.Model.EngineConnected;
            var status = connected ? engine.Model.Read(core => Views.Status(core, engine.Model)) : null;
            var stats = engine.Model.Stats;
            var sources = engine.Model.Sources; // the engine's word, and a cluster's owners' for the instruments they price
            var simulated = connected ? sources.Simulated : sources.ClusterSimulated; // the engine away: the owners' still price the cluster's instruments
            return Results.Json(new
            {
                status = "healthy",
                message = (connected ? "Bridge running; engine connected" : "Bridge running; engine not connected (trading routes answer 503)")
                    + (simulated ? "; SIMULATED PRICES: the simulator prices " + string.Join(", ", engine.Model.Registry.All.Where(i => (connected || sources.FromCluster(i.Id)) && sources.Of(i.Id) == PriceSources.Simulator).Select(i => i.Symbol)) : "")
                    + (simulated && stats?.AllowSimulatedPrices == true ? " (allowSimulatedPrices: real venues may trade on them)" : ""),
                simulated_prices = simulated,
                allow_simulated_prices = connected && stats?.AllowSimulatedPrices == true,
                // Instruments with no quote within their staleAfterMs: new orders for them are refused (StaleMarketData).
                stale_instruments = connected ? sources.Stale(stats?.StaleSymbols) : sources.ClusterStale(),
                // Each feed as of the engine's last status interval: what it prices, from where, and how it is doing.
                feeds = (connected ? stats?.Feeds ?? [] : []).Select(f => new
                {
                    name = f.Name,
                    type = f.Type,
                    source = f.Source,
                    symbols = f.Symbols,
                    connected = f.Connected,
                    last_message_age_ms = f.LastMessageAgeMs is { } age ? Math.Round(age) : (double?)null,
                    messages_per_second = Math.Round(f.MessagesPerSecond, 1),
                    messages = f.Messages,
                    gaps = f.Gaps,
                    rejects = f.Rejects,
                    problem = f.Problem,
                    // Futures: each symbol's mark price, index price and funding from the markPrice stream (none on spot).
                    marks = (f.Marks ?? []).Select(m => new
                    {
                        symbol = m.Symbol, mark_price = m.MarkPrice, index_price = m.IndexPrice, funding_rate = m.FundingRate,
                        next_funding_time = m.NextFundingTimeMs > 0 ? Timestamps.Iso(m.NextFundingTimeMs) : null,
                        time = Timestamps.Iso(m.TimeMs),
                    }).ToList(),
                }).ToList(),
                timestamp = Timestamps.Now(),
                config_loaded = true,
                engine_connected = connected,
                engine_last_message = engine.Model.LastEngineMessage is { } last ? Timestamps.Iso(last) : null,
                live_bot_status = status,
                // Why the venue and the journal could not be reconciled, when that halted trading since the engine started.
                reconciliation_problem = engine.Model.Stats?.ReconciliationProblem,
                // Each real venue's session as of the engine's last status interval (none while all trading is on paper).
                venues = (engine.Model.Stats?.Venues ?? []).Select(v => new
                {
                    name = v.Name,
                    type = v.Type,
                    state = v.State,
                    connected = VenueStates.Connected(v),
                    reconciled = v.Reconciled, // false from a start, and from each logon, until the venue answered for every order: new orders are refused (VenueReconciling)
                    last_event = v.LastEvent,
                    messages_in = v.MessagesIn,
                    messages_out = v.MessagesOut,
                    resend_requests_sent = v.ResendRequestsSent,
                    resend_requests_received = v.ResendRequestsReceived,
                    messages_resent = v.MessagesResent,
                    orders_sent = v.OrdersSent,
                }).ToList(),
            });
        });
        if (!auditFromCluster)
        {
            app.MapGet("/api/audit", async (HistoryQueries history, BridgeStore store, int? limit) =>
            {
                await store.FlushAsync().ConfigureAwait(false);
                return Results.Json(history.Audit(AuditLimit(limit)).Select(a => new
                {
                    timestamp = Timestamps.Iso(a.TimeMs),
                    who = a.Who,
                    method = a.Method,
                    path = a.Path,
                    command = a.Command,
                    result = a.Result,
                    status = a.Status,
                }).ToList());
            });
        }
        app.MapGet("/api/config", (ReadModel model, AccountOptions account, RiskLimits risk, IOptions<BridgeOptions> options) => Results.Json(new
        {
            instruments = model.Registry.All.Select(i => new
            {
                symbol = i.Symbol,
                aliases = i.Aliases,
                assetClass = i.AssetClass.ToString(),
                tickSize = i.TickSize,
                lotSize = i.LotSize,
                quoteCurrency = i.QuoteCurrency,
                tradingHours = i.TradingHours,
            }),
            account = new { currency = account.Currency, initialBalance = account.InitialBalance },
            risk,
            bridge = new { url = options.Value.Url, enginePort = options.Value.EnginePort, commandTimeoutSeconds = options.Value.CommandTimeoutSeconds },
            timestamp = Timestamps.Now(),
        }));
    }

    /// <summary>How many rows <c>/api/audit</c> gives for a <c>limit</c> asked (or not).</summary>
    internal static int AuditLimit(int? limit) => Math.Clamp(limit ?? 100, 1, 10_000);
}
