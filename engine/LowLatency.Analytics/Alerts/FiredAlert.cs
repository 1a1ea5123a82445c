namespace LowLatency.Analytics.Alerts;

/// <summary>An alert that fired: which rule, when, on what, the value that triggered it and a message.</summary>
public sealed record FiredAlert(string Id, string RuleId, string Name, AlertKind Kind, string? Symbol, long TimeMs, double? Value, string Message);
