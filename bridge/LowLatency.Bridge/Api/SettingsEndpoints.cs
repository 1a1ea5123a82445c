using System.Text.Json;
using System.Text.Json.Nodes;
using LowLatency.Analytics.Statistics;
using LowLatency.Bridge.Engine;
using LowLatency.Bridge.Storage;
using LowLatency.Bridge.Venues;
using LowLatency.Bridge.Configuration;
using LowLatency.Engine.Risk;
using LowLatency.Engine.Strategies;
using Microsoft.Extensions.Options;

namespace LowLatency.Bridge.Api;

/// <summary>
/// Contract section 4.1, the settings the frontend's pages load and save: scanner configuration, saved settings
/// (load, save all), trading modes, the broker connection test, the risk page's configuration and metrics.
/// Saved settings live in the history database and survive restarts.
/// </summary>
public static class SettingsEndpoints
{
    private static readonly string[] SettingsParts = ["tradingModes", "strategyWeights", "instruments", "manualLeverages", "riskSettings", "notificationSettings", "mlConfig"];

    public static void MapSettings(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/config/scanner", (SettingsStore settings, EngineAccess engine) => Results.Json(Scanner(settings, engine)));
        app.MapPost("/api/config/scanner", SaveScanner);
        app.MapGet("/api/config/settings/load", (SettingsStore settings) =>
        {
            var saved = settings.Load("settings") ?? [];
            return Results.Json(new
            {
                success = true,
                settings = new JsonObject
                {
                    ["tradingModes"] = saved["tradingModes"]?.DeepClone() ?? new JsonArray(),
                    ["manualLeverages"] = saved["manualLeverages"]?.DeepClone() ?? new JsonArray(),
                    ["strategyWeights"] = saved["strategyWeights"]?.DeepClone() ?? new JsonObject(),
                    ["mlConfig"] = saved["mlConfig"]?.DeepClone() ?? new JsonObject(),
                    ["instruments"] = saved["instruments"]?.DeepClone() ?? new JsonArray(),
                    ["riskSettings"] = saved["riskSettings"]?.DeepClone() ?? new JsonObject(),
                    ["notificationSettings"] = saved["notificationSettings"]?.DeepClone() ?? new JsonObject(),
                },
            });
        });
        app.MapPost("/api/config/sync-all", SyncAll);
        app.MapPost("/api/settings/sync-all", SyncAll);
        app.MapGet("/api/config/trading-modes", (EngineGateway gateway, EngineAccess engine) => Results.Json(TradingModes(gateway, engine)));
        app.MapPost("/api/broker/test-connection", TestConnection);
        app.MapGet("/api/config/risk", (EngineAccess engine, RiskLimits limits, HistoryQueries history, IOptions<BridgeOptions> options) =>
        {
            // Risk per trade: what the strategy files size with (fixed-fractional and ATR methods), on average.
            var sizing = StrategyLoader.LoadDefinitions(options.Value.Strategies).Select(d => d.Definition.Sizing.RiskPercent).DefaultIfEmpty(0).Average();
            return Results.Json(RiskPage(engine, limits, history, sizing));
        });
    }

    /// <summary>
    /// The venues the engine trades on, as the engine last reported them: the paper exchange, and each configured
    /// FIX session or Binance account with its real state (connected, reconciled, its last event).
    /// </summary>
    internal static List<object> TradingModes(EngineGateway gateway, EngineAccess engine)
    {
        var connected = gateway.Connected && engine.Model.EngineConnected;
        var modes = new List<object>
        {
            new { id = "paper", name = "Paper exchange (engine)", brokerType = "paper", mtType = (string?)null, exchange = "paper", brokerConnected = connected, enabled = true, state = connected ? "active" : "engine_disconnected", reconciled = true, lastEvent = (string?)null },
        };
        foreach (var venue in connected ? engine.Model.Stats?.Venues ?? [] : [])
        {
            modes.Add(new
            {
                id = venue.Name, name = $"{venue.Name} ({venue.Type})", brokerType = VenueStates.BrokerType(venue), mtType = (string?)null, exchange = venue.Type,
                brokerConnected = VenueStates.Connected(venue), enabled = true, state = venue.State, reconciled = venue.Reconciled, lastEvent = (string?)venue.LastEvent,
            });
        }

        return modes;
    }

    /// <summary>The scanner settings: the defaults overlaid with what the frontend saved (the scan reads them too).</summary>
    internal static JsonObject Scanner(SettingsStore settings, EngineAccess engine)
    {
        var defaults = new JsonObject
        {
            ["timeframes"] = new JsonArray("1h", "4h", "1d"),
            ["assetTypes"] = new JsonArray([.. engine.Model.Registry.All.Select(i => i.AssetClass.ToString().ToLowerInvariant()).Distinct().Select(a => (JsonNode)a)]),
            ["riskRewardMode"] = "dynamic",
            ["fixedRR"] = 2,
            ["tpMultiplier"] = 2,
            ["minConfluence"] = 2,
            ["signalStrength"] = 0.6,
        };
        foreach (var (key, value) in settings.Load("scanner") ?? [])
        {
            defaults[key] = value?.DeepClone();
        }

        return defaults;
    }

    private static async Task<IResult> SaveScanner(HttpRequest request, SettingsStore settings, EngineAccess engine)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        string? error = null;
        foreach (var list in new[] { "timeframes", "assetTypes" })
        {
            if (body!.Has(list))
            {
                body.StringArray(list, out var e);
                error ??= e;
            }
        }

        foreach (var number in new[] { "fixedRR", "tpMultiplier", "minConfluence", "signalStrength" })
        {
            if (body!.Number(number, out var e) is { } value && value <= 0)
            {
                e ??= $"'{number}' must be positive";
            }

            error ??= e;
        }

        var mode = body!.String("riskRewardMode", out var modeError);
        error ??= modeError ?? (mode is null or "dynamic" or "fixed" ? null : "riskRewardMode must be dynamic or fixed");
        var unknown = body.ToJsonObject().Select(p => p.Key).FirstOrDefault(k => k is not ("timeframes" or "assetTypes" or "riskRewardMode" or "fixedRR" or "tpMultiplier" or "minConfluence" or "signalStrength"));
        error ??= unknown is null ? null : $"unknown scanner setting '{unknown}'";
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        settings.Merge("scanner", body.ToJsonObject());
        return Results.Json(new { success = true, config = Scanner(settings, engine), timestamp = Timestamps.Now() });
    }

    private static async Task<IResult> SyncAll(HttpRequest request, SettingsStore settings)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var values = body!.ToJsonObject();
        foreach (var (key, value) in values)
        {
            if (!SettingsParts.Contains(key))
            {
                return Problems.BadRequest($"unknown settings part '{key}' (use {string.Join(", ", SettingsParts)})");
            }

            var kind = value?.GetValueKind();
            var wantsArray = key is "tradingModes" or "manualLeverages" or "instruments";
            if (kind != (wantsArray ? JsonValueKind.Array : JsonValueKind.Object) && !(key == "instruments" && kind == JsonValueKind.Object))
            {
                return Problems.BadRequest($"'{key}' must be a JSON {(wantsArray ? "array" : "object")}");
            }
        }

        settings.Merge("settings", values);
        return Results.Json(new { success = true, saved = values.Select(p => p.Key).ToArray(), timestamp = Timestamps.Now() });
    }

    private static async Task<IResult> TestConnection(HttpRequest request, EngineGateway gateway)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var broker = body!.String("brokerType", out var error);
        if (error is not null || string.IsNullOrWhiteSpace(broker))
        {
            return Problems.BadRequest(error ?? "missing required field: brokerType");
        }

        // Credentials in the body are neither stored nor echoed.
        (bool connected, string message) result;
        if (broker.Equals("fix", StringComparison.OrdinalIgnoreCase))
        {
            var (options, invalid) = FixTestRequest.Read(body);
            if (invalid is not null)
            {
                return Problems.BadRequest(invalid);
            }

            result = await FixConnectionTest.RunAsync(options!, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        else if (broker.Equals("crypto_exchange", StringComparison.OrdinalIgnoreCase))
        {
            var exchange = body.String("exchange", out var e1) ?? "binance";
            var apiKey = body.String("apiKey", out var e2);
            var apiSecret = body.String("apiSecret", out var e3);
            var testnet = body.Boolean("testnet", out var e4) ?? false;
            if ((e1 ?? e2 ?? e3 ?? e4) is { } invalid)
            {
                return Problems.BadRequest(invalid);
            }

            result = await BinanceConnectionTest.RunAsync(exchange, apiKey, apiSecret, testnet, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        else
        {
            result = broker.Equals("paper", StringComparison.OrdinalIgnoreCase)
                ? (gateway.Connected, gateway.Connected ? "The engine's paper exchange is connected." : "The engine is not connected.")
                : (false, $"No '{broker}' adapter in this build: the engine trades on its paper exchange, a FIX session or Binance (crypto_exchange).");
        }

        var (connected, message) = result;
        return Results.Json(new { success = true, connected, message, brokerType = broker, timestamp = Timestamps.Now() });
    }

    private static object RiskPage(EngineAccess engine, RiskLimits limits, HistoryQueries history, double riskPerTrade)
    {
        var closed = history.ClosedPositions(10_000);
        var stats = TradeStatistics.Of([.. closed.Select(t => (t.RealizedPnl, t.EntryPrice * t.Quantity))]);
        var live = engine.Model.Read(core => (
            State: Views.StateName(core.Status),
            Exposure: core.Account.GrossExposure(),
            Drawdown: core.Account.DrawdownFromPeak));
        return new
        {
            status = "success",
            config = limits,
            metrics = new
            {
                riskStatus = live.State is null ? "engine not connected" : live.State == "halted" ? "halted" : "normal",
                totalExposure = Math.Round(live.Exposure, 2),
                maxDrawdown = Math.Round(Math.Max(0, live.Drawdown), 6),
                sharpeRatio = Math.Round(stats.Sharpe, 4),
                kellyFraction = Math.Round(stats.Kelly, 4),
                riskPerTrade = Math.Round(riskPerTrade, 4),
                maxPositionSize = limits.MaxPositionPercent,
                winRate = Math.Round(stats.WinRate, 6),
                avgRiskReward = Math.Round(stats.Payoff, 4),
                dailyLossLimit = limits.MaxDailyLossPercent,
                maxOpenPositions = limits.MaxOpenPositions,
                leverageLimit = 1,
            },
            timestamp = Timestamps.Now(),
        };
    }
}
