namespace LowLatency.Bridge.Storage;

/// <summary>One command sent to the engine through the bridge: when, by whom (address, key or not), what, and how it ended.</summary>
public sealed record AuditRow(long TimeMs, string Who, string Method, string Path, string Command, string Result, int Status);
