using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using LowLatency.Analytics;
using LowLatency.Analytics.Alerts;
using LowLatency.Analytics.Astro;
using LowLatency.Analytics.Indicators;
using LowLatency.Bridge.Realtime;
using LowLatency.Bridge.Storage;
using LowLatency.Engine.MarketData;

namespace LowLatency.Bridge.Alerts;

/// <summary>
/// Alert rules, persisted in the history database, evaluated on the live stream in the bridge: the read model
/// hands quotes, closed engine bars and risk events to a bounded queue (never waiting: the oldest input is dropped
/// when it is full) and one loop evaluates every rule, plus the astro rules once a minute. A fired alert is kept
/// in the history (the newest 500, each with the channels it went to), pushed on the <c>alerts</c> channel of both
/// real-time endpoints and, where the rule says so, posted to its webhook (<see cref="WebhookSender"/>, each delivery
/// its own task). With the cluster's settings (<see cref="SettingsStore.Shared"/>) the rules and the history are every
/// bridge's: one bridge evaluates (<see cref="AlertLeadership"/>), each reloads the rules when another changed them, and
/// each pushes every new alert of the shared history to its own clients, whichever bridge fired or sent it.
/// </summary>
public sealed partial class AlertService(SettingsStore settings, RealtimeHub hub, InstrumentRegistry registry, WebhookSender webhooks, ILogger<AlertService> log, AlertLeadership? leadership = null)
    : BackgroundService
{
    public const int HistoryLimit = 500;
    private const string RulesDocument = "alerts-rules";
    private const string HistoryDocument = "alerts-history";
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;
    private readonly Channel<Input> _inputs = Channel.CreateBounded<Input>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Lock _lock = new();
    private readonly Dictionary<int, IndicatorSet> _indicators = [];
    private readonly double[] _barValues = new double[IndicatorSet.Columns.Count];
    private List<AlertEvaluator>? _evaluators;
    private long _barValuesKey = -1;
    private long _rulesVersion = -1;
    private long _historyVersion = -1;
    private HashSet<string>? _pushed;
    private bool _led;

    public IReadOnlyList<AlertRule> Rules()
    {
        if (settings.Shared)
        {
            return StoredRules(settings.Load(RulesDocument)); // as every bridge has them now
        }

        lock (_lock)
        {
            return [.. Evaluators().Select(e => e.Rule)];
        }
    }

    public AlertRule Add(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var stored = rule with { Id = string.IsNullOrEmpty(rule.Id) ? Guid.NewGuid().ToString("N")[..12] : rule.Id };
        ChangeRules(rules => [.. rules, stored]);
        return stored;
    }

    public bool Remove(string id)
    {
        var removed = false;
        ChangeRules(rules =>
        {
            removed = rules.Any(r => r.Id == id);
            return [.. rules.Where(r => r.Id != id)];
        });
        return removed;
    }

    public IReadOnlyList<JsonNode?> History(int limit) =>
        settings.Load(HistoryDocument)?["items"] is JsonArray items ? [.. items.TakeLast(limit).Reverse().Select(i => i?.DeepClone())] : [];

    public void OnQuote(int instrumentId, double price, long timeMs) => _inputs.Writer.TryWrite(new Input(InputKind.Price, instrumentId, price, timeMs, null));

    public void OnBar(int instrumentId, in OhlcvBar bar) => _inputs.Writer.TryWrite(new Input(InputKind.Bar, instrumentId, bar.Close, bar.OpenTimeMs, new[] { bar.High, bar.Low }));

    public void OnRiskEvent(int? instrumentId, string what, long timeMs) => _inputs.Writer.TryWrite(new Input(InputKind.Risk, instrumentId ?? -1, 0, timeMs, what));

    /// <summary>Fires an alert now (manual sends and channel tests) through the given channels; the webhook result when one was asked for.</summary>
    public async Task<(bool Delivered, int Attempts, string Last)?> DispatchAsync(FiredAlert alert, IReadOnlyList<string> channels, string? webhookUrl, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(channels);
        var json = JsonSerializer.Serialize(alert, Json);
        Record(json, channels);
        if (channels.Contains("websocket") && !settings.Shared)
        {
            hub.PublishEvent("alerts", "alert", json); // with shared settings every bridge pushes it from the history (PushNew)
        }

        return channels.Contains("webhook") && webhookUrl is not null ? await webhooks.SendAsync(webhookUrl, json, cancellation).ConfigureAwait(false) : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.Shared)
        {
            FollowShared(); // the first look, as the bridge starts: what the history has then is the past, and everything after it is pushed
        }

        var nextAstro = 0L;
        while (!stoppingToken.IsCancellationRequested)
        {
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            tick.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                while (await _inputs.Reader.WaitToReadAsync(tick.Token).ConfigureAwait(false))
                {
                    while (_inputs.Reader.TryRead(out var input))
                    {
                        Evaluate(input);
                    }
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The one-second wake-up: time for the clock rules.
            }

            if (settings.Shared)
            {
                FollowShared();
            }

            var now = DateTimeOffset.UtcNow;
            if (now.ToUnixTimeMilliseconds() >= nextAstro)
            {
                nextAstro = now.ToUnixTimeMilliseconds() + 60_000;
                EvaluateClock(now);
            }
        }
    }

    private void Evaluate(Input input)
    {
        if (!Leads())
        {
            return; // another bridge evaluates the cluster's rules
        }

        List<(FiredAlert, AlertRule)> fired = [];
        lock (_lock)
        {
            var symbol = input.InstrumentId >= 0 && input.InstrumentId < registry.Count ? registry[input.InstrumentId].Symbol : null;
            foreach (var evaluator in Evaluators())
            {
                var alert = input.Kind switch
                {
                    InputKind.Price => evaluator.OnPrice(symbol!, input.Value, input.TimeMs),
                    InputKind.Risk => evaluator.OnRiskEvent(symbol, (string)input.Extra!, input.TimeMs),
                    _ => evaluator.Rule.Indicator is { } column && IndicatorSet.IndexOf(column) is var index and >= 0
                        ? evaluator.OnIndicator(symbol!, IndicatorValue(input, index), input.TimeMs)
                        : null,
                };
                if (alert is not null)
                {
                    fired.Add((alert, evaluator.Rule));
                }
            }
        }

        Deliver(fired);
    }

    // One indicator set per instrument, updated once per bar whatever the number of rules reading it.
    private double IndicatorValue(Input input, int column)
    {
        var key = (input.TimeMs * 64) + input.InstrumentId;
        if (key != _barValuesKey)
        {
            if (!_indicators.TryGetValue(input.InstrumentId, out var set))
            {
                _indicators[input.InstrumentId] = set = new IndicatorSet();
            }

            var hl = (double[])input.Extra!;
            set.Update(hl[0], hl[1], input.Value, _barValues);
            _barValuesKey = key;
        }

        return _barValues[column];
    }

    private void EvaluateClock(DateTimeOffset now)
    {
        if (!Leads())
        {
            return;
        }

        List<(FiredAlert, AlertRule)> fired = [];
        lock (_lock)
        {
            var astro = Evaluators().Where(e => e.Rule.Kind == AlertKind.AstroEvent && e.Rule.Enabled).ToList();
            if (astro.Count == 0 || now.AddDays(8) > AstroTime.SupportedTo)
            {
                return;
            }

            var hours = Math.Min(7 * 24, astro.Max(e => e.Rule.WithinHours));
            var upcoming = AstroEvents.Between(now, now.AddHours(Math.Max(1, hours)));
            foreach (var evaluator in astro)
            {
                fired.AddRange(evaluator.OnClock(upcoming, now.ToUnixTimeMilliseconds()).Select(alert => (alert, evaluator.Rule)));
            }
        }

        Deliver(fired);
    }

    /// <summary>
    /// Whether this bridge evaluates the rules now (from the evaluation loop). On starting to (the first time, or on
    /// taking the cluster's lease over), every evaluator picks up from the history of firings
    /// (<see cref="AlertEvaluator.TakeOver"/>), so a rule another bridge, or this one before a restart, fired is
    /// neither fired again within its cool-down nor crossed on a price seen before.
    /// </summary>
    private bool Leads()
    {
        var leading = leadership is not { Leading: false };
        if (leading && !_led)
        {
            try
            {
                lock (_lock)
                {
                    var fired = (settings.Load(HistoryDocument)?["items"] as JsonArray ?? []).OfType<JsonObject>()
                        .Select(i => (Rule: (string?)i["ruleId"], TimeMs: (long?)i["timeMs"], Message: (string?)i["message"]))
                        .Where(i => i.Rule is not null && i.TimeMs is not null && i.Message is not null)
                        .ToLookup(i => i.Rule!, i => (i.TimeMs!.Value, i.Message!), StringComparer.Ordinal);
                    foreach (var evaluator in Evaluators())
                    {
                        evaluator.TakeOver(fired[evaluator.Rule.Id]);
                    }
                }
            }
            catch (Npgsql.NpgsqlException e)
            {
                SharedUnreadable(log, e.Message);
                return false; // not without the history: the next input tries again
            }
        }

        _led = leading;
        return leading;
    }

    /// <summary>Each fired alert through its rule's channels (the rule the evaluator fired it by: no second look-up of the rules).</summary>
    private void Deliver(List<(FiredAlert Alert, AlertRule Rule)> fired)
    {
        foreach (var (alert, rule) in fired)
        {
            _ = Task.Run(async () =>
            {
                var result = await DispatchAsync(alert, rule.Channels, rule.WebhookUrl, CancellationToken.None).ConfigureAwait(false);
                if (result is { Delivered: false } failed)
                {
                    WebhookFailed(log, alert.Id, failed.Attempts, failed.Last);
                }
            });
        }
    }

    private void Record(string json, IReadOnlyList<string> channels)
    {
        var item = JsonNode.Parse(json)!.AsObject();
        item["channels"] = new JsonArray([.. channels.Select(c => (JsonNode?)JsonValue.Create(c))]);
        lock (_lock)
        {
            settings.Update(HistoryDocument, document =>
            {
                var items = document["items"] as JsonArray ?? [];
                items = [.. items.Select(i => i?.DeepClone()), item];
                while (items.Count > HistoryLimit)
                {
                    items.RemoveAt(0);
                }

                document["items"] = items;
                return document;
            });
        }
    }

    /// <summary>With shared settings: the rules another bridge changed, and the alerts any bridge recorded since the last look, pushed to this bridge's clients.</summary>
    private void FollowShared()
    {
        try
        {
            lock (_lock)
            {
                if (settings.Version(RulesDocument) is var rules && rules != _rulesVersion)
                {
                    (_rulesVersion, _evaluators) = (rules, Rebuilt(StoredRules(settings.Load(RulesDocument))));
                }
            }

            PushNew();
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            SharedUnreadable(log, e.Message); // the cluster's database away: the next second looks again
        }
    }

    private void PushNew()
    {
        var version = settings.Version(HistoryDocument);
        if (version == _historyVersion)
        {
            return;
        }

        var items = (settings.Load(HistoryDocument)?["items"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var ids = items.Select(i => i["id"]?.GetValue<string>() ?? "").ToHashSet(StringComparer.Ordinal);
        if (_pushed is not null)
        {
            foreach (var item in items.Where(i => !_pushed.Contains(i["id"]?.GetValue<string>() ?? "")))
            {
                if ((item["channels"] as JsonArray)?.Any(c => c?.GetValue<string>() == "websocket") != false)
                {
                    var alert = item.DeepClone().AsObject();
                    alert.Remove("channels");
                    hub.PublishEvent("alerts", "alert", alert.ToJsonString());
                }
            }
        }

        (_pushed, _historyVersion) = (ids, version); // at the first look, what is there is the past: nothing pushed
    }

    /// <summary>Changes the rules as stored (every bridge's, with shared settings) and evaluates the result.</summary>
    private void ChangeRules(Func<IReadOnlyList<AlertRule>, List<AlertRule>> change)
    {
        lock (_lock)
        {
            var stored = settings.Update(RulesDocument, document =>
            {
                document["rules"] = JsonSerializer.SerializeToNode(change(settings.Shared ? StoredRules(document) : [.. Evaluators().Select(e => e.Rule)]), Json);
                return document;
            });
            _evaluators = Rebuilt(StoredRules(stored));
        }
    }

    private static List<AlertRule> StoredRules(JsonObject? document) =>
        document?["rules"] is JsonArray rules ? [.. rules.Select(r => r.Deserialize<AlertRule>(Json)).OfType<AlertRule>()] : [];

    /// <summary>Evaluators of <paramref name="rules"/>, keeping those of rules that did not change (what they have seen, their cool-down).</summary>
    private List<AlertEvaluator> Rebuilt(List<AlertRule> rules)
    {
        var kept = (_evaluators ?? []).ToDictionary(e => e.Rule.Id, StringComparer.Ordinal);
        return [.. rules.Select(r => kept.TryGetValue(r.Id, out var e) && JsonSerializer.Serialize(e.Rule, Json) == JsonSerializer.Serialize(r, Json) ? e : new AlertEvaluator(r))];
    }

    private List<AlertEvaluator> Evaluators() => _evaluators ??= [.. StoredRules(settings.Load(RulesDocument)).Select(r => new AlertEvaluator(r))];

    [LoggerMessage(Level = LogLevel.Warning, Message = "alerts: the cluster's settings could not be read ({Why}); looking again in a second")]
    private static partial void SharedUnreadable(ILogger logger, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "alert {Alert}: webhook not delivered after {Attempts} attempts ({Last})")]
    private static partial void WebhookFailed(ILogger logger, string alert, int attempts, string last);

    private enum InputKind
    {
        Price,
        Bar,
        Risk,
    }

    private readonly record struct Input(InputKind Kind, int InstrumentId, double Value, long TimeMs, object? Extra);
}
