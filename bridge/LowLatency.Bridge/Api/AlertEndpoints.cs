using System.Text.Json;
using System.Text.Json.Nodes;
using LowLatency.Analytics.Alerts;
using LowLatency.Analytics.Indicators;
using LowLatency.Bridge.Alerts;
using LowLatency.Bridge.Storage;

namespace LowLatency.Bridge.Api;

/// <summary>
/// Alert rules and their history (<see cref="AlertService"/>): <c>GET</c>/<c>POST /api/alerts</c>,
/// <c>DELETE /api/alerts/{id}</c>, <c>GET /api/alerts/history?limit=N</c>, and section 4's
/// <c>GET</c>/<c>POST /api/alerts/config</c> (<c>{webhookUrl?, channels?}</c>: the defaults for rules and sends),
/// <c>POST /api/alerts/test/{channel}</c> and <c>POST /api/alerts/send</c> (<c>{type, message, channels[]}</c>).
/// </summary>
public static class AlertEndpoints
{
    private const string ConfigDocument = "alerts-config";
    private static readonly string[] KnownChannels = ["websocket", "webhook"];
    private static readonly HashSet<string> RuleFields = ["name", "kind", "symbol", "level", "direction", "indicator", "threshold", "tolerancePercent", "withinHours", "channels", "webhookUrl", "cooldownSeconds", "enabled"];

    public static void MapAlerts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/alerts", (AlertService alerts, AlertLeadership leadership) =>
        {
            var rules = alerts.Rules();
            return Results.Json(new { rules, count = rules.Count, evaluatedHere = leadership.Leading }); // on a cluster, one bridge evaluates
        });
        app.MapPost("/api/alerts", Create);
        app.MapDelete("/api/alerts/{id}", (string id, AlertService alerts) => alerts.Remove(id)
            ? Results.Json(new { success = true, id })
            : Problems.NotFound($"no alert rule '{id}'"));
        app.MapGet("/api/alerts/history", (int? limit, AlertService alerts) => Results.Json(new { alerts = alerts.History(Math.Clamp(limit ?? 100, 1, AlertService.HistoryLimit)) }));
        app.MapGet("/api/alerts/config", (SettingsStore settings) => Results.Json(Config(settings)));
        app.MapPost("/api/alerts/config", SaveConfig);
        app.MapPost("/api/alerts/test/{channel}", Test);
        app.MapPost("/api/alerts/send", Send);
    }

    private static JsonObject Config(SettingsStore settings)
    {
        var config = new JsonObject { ["webhookUrl"] = null, ["channels"] = new JsonArray("websocket") };
        foreach (var (key, value) in settings.Load(ConfigDocument) ?? [])
        {
            config[key] = value?.DeepClone();
        }

        return config;
    }

    private static async Task<IResult> SaveConfig(HttpRequest request, SettingsStore settings)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, new HashSet<string> { "webhookUrl", "channels" }).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var url = body!.String("webhookUrl", out var error);
        var channels = error is null ? body.StringArray("channels", out error) : null;
        error ??= ValidUrl(url) ?? ValidChannels(channels);
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        settings.Merge(ConfigDocument, body.ToJsonObject());
        return Results.Json(new { success = true, config = Config(settings) });
    }

    private static async Task<IResult> Create(HttpRequest request, AlertService alerts, SettingsStore settings)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, RuleFields).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        AlertRule rule;
        try
        {
            rule = body!.ToJsonObject().Deserialize<AlertRule>(JsonSerializerOptions.Web) ?? new AlertRule();
        }
        catch (JsonException e)
        {
            return Problems.BadRequest($"not an alert rule: {e.Message}");
        }

        if (!body.Has("kind"))
        {
            return Problems.BadRequest("'kind' is required: price_cross, indicator, gann_touch, astro_event or risk_event");
        }

        rule = rule with { Id = "", WebhookUrl = rule.WebhookUrl ?? Config(settings)["webhookUrl"]?.GetValue<string>(), Name = string.IsNullOrWhiteSpace(rule.Name) ? rule.Kind.ToString() : rule.Name };
        var invalid = Validate(rule);
        return invalid is not null ? Problems.BadRequest(invalid) : Results.Json(alerts.Add(rule), statusCode: StatusCodes.Status201Created);
    }

    private static string? Validate(AlertRule r) =>
        r.Kind is AlertKind.PriceCross or AlertKind.GannTouch && !(r.Level is > 0 and < 1e12) ? $"{(r.Kind == AlertKind.GannTouch ? "gann_touch needs 'level' (the Square-of-9 centre)" : "price_cross needs 'level'")}: a positive price"
        : r.Kind is AlertKind.PriceCross or AlertKind.GannTouch or AlertKind.Indicator && r.Symbol is null ? "'symbol' is required for price, indicator and Gann rules"
        : r.Kind == AlertKind.Indicator && (r.Indicator is null || IndicatorSet.IndexOf(r.Indicator) < 0) ? $"'indicator' must be one of {string.Join(", ", IndicatorSet.Columns)}"
        : (r.Kind == AlertKind.Indicator && r.Threshold is null) || (r.Threshold is { } th && !double.IsFinite(th)) ? "indicator rules need a finite 'threshold'"
        : r.Direction is not ("above" or "below" or "either") ? "'direction' must be above, below or either"
        : !(r.TolerancePercent is > 0 and <= 10) ? "'tolerancePercent' must be in (0, 10]"
        : !(r.WithinHours is > 0 and <= 168) ? "'withinHours' must be in (0, 168]"
        : !(r.CooldownSeconds is >= 0 and <= 86_400) ? "'cooldownSeconds' must be 0 to 86400"
        : ValidChannels(r.Channels) ?? (r.Channels.Contains("webhook") && r.WebhookUrl is null ? "the webhook channel needs 'webhookUrl' (or one in /api/alerts/config)" : ValidUrl(r.WebhookUrl));

    private static string? ValidChannels(IReadOnlyList<string>? channels) =>
        channels is null ? null : channels.FirstOrDefault(c => !KnownChannels.Contains(c)) is { } bad ? $"unknown channel '{bad}' (websocket, webhook)" : null;

    private static string? ValidUrl(string? url) =>
        url is null || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") ? null : "'webhookUrl' must be an absolute http(s) URL";

    private static async Task<IResult> Test(string channel, HttpRequest request, AlertService alerts, SettingsStore settings)
    {
        if (!KnownChannels.Contains(channel))
        {
            return Problems.NotFound($"no channel '{channel}' (websocket, webhook)");
        }

        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var url = body!.String("webhookUrl", out var error) ?? Config(settings)["webhookUrl"]?.GetValue<string>();
        error ??= ValidUrl(url) ?? (channel == "webhook" && url is null ? "no webhookUrl given or configured" : null);
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        var alert = new FiredAlert($"test-{Guid.NewGuid():N}"[..17], "test", "Test alert", AlertKind.RiskEvent, null, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), null, $"test of the {channel} channel");
        var result = await alerts.DispatchAsync(alert, [channel], url, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return Results.Json(new { success = result?.Delivered ?? true, channel, delivered = result?.Delivered ?? true, attempts = result?.Attempts ?? 1, last = result?.Last ?? "pushed to the alerts channel", alert });
    }

    private static async Task<IResult> Send(HttpRequest request, AlertService alerts, SettingsStore settings)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, new HashSet<string> { "type", "message", "channels", "webhookUrl" }).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var type = body!.String("type", out var error) ?? "manual";
        var message = error is null ? body.String("message", out error) : null;
        var channels = error is null ? body.StringArray("channels", out error) : null;
        var url = error is null ? body.String("webhookUrl", out error) ?? Config(settings)["webhookUrl"]?.GetValue<string>() : null;
        error ??= string.IsNullOrWhiteSpace(message) ? "'message' is required" : message.Length > 2000 ? "'message' is at most 2000 characters" : null;
        error ??= ValidChannels(channels) ?? ValidUrl(url);
        channels ??= ["websocket"];
        error ??= channels.Contains("webhook") && url is null ? "the webhook channel needs a webhookUrl (given or configured)" : null;
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        var alert = new FiredAlert($"manual-{Guid.NewGuid():N}"[..19], type, type, AlertKind.RiskEvent, null, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), null, message!);
        var result = await alerts.DispatchAsync(alert, channels, url, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return Results.Json(new { success = result?.Delivered ?? true, channels, webhook = result is { } r ? new { delivered = r.Delivered, attempts = r.Attempts, last = r.Last } : null, alert });
    }
}
