namespace LowLatency.Analytics.Alerts;

/// <summary>
/// An alert rule. Fields by kind: <c>symbol</c> and <c>level</c> (price cross; the centre for a Gann touch),
/// <c>direction</c> (<c>above</c>, <c>below</c>, <c>either</c>), <c>indicator</c> (a column of the indicator set,
/// e.g. <c>rsi14</c>) and <c>threshold</c>, <c>tolerancePercent</c>, <c>withinHours</c>; <c>channels</c>
/// (<c>websocket</c>, <c>webhook</c>) with <c>webhookUrl</c>; <c>cooldownSeconds</c> between firings.
/// </summary>
public sealed record AlertRule
{
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    public AlertKind Kind { get; init; }

    public string? Symbol { get; init; }

    public double? Level { get; init; }

    public string Direction { get; init; } = "either";

    public string? Indicator { get; init; }

    public double? Threshold { get; init; }

    public double TolerancePercent { get; init; } = 0.1;

    public double WithinHours { get; init; } = 24;

    public IReadOnlyList<string> Channels { get; init; } = ["websocket"];

    public string? WebhookUrl { get; init; }

    public double CooldownSeconds { get; init; } = 60;

    public bool Enabled { get; init; } = true;
}
