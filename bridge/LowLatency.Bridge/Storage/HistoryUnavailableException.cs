namespace LowLatency.Bridge.Storage;

/// <summary>The history store cannot answer now (its database is away): the request gets a 503 saying so, not a hang or a 500.</summary>
public sealed class HistoryUnavailableException(string message) : Exception(message);
