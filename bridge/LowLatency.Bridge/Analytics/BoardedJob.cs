namespace LowLatency.Bridge.Analytics;

/// <summary>A job this bridge runs, as <see cref="JobBoard"/> writes it: its status and poll answer as they are now, what to do when it is no longer this bridge's, and its cancel where it has one.</summary>
internal sealed record BoardedJob(string Kind, string Id, int Attempt, string? Request, Func<string> Status, Func<object> View, Action Lost, Action? Cancel)
{
    /// <summary>Whether a status is an end: no heartbeat after it, nothing to take over.</summary>
    public static bool Ended(string status) => status is "completed" or "failed" or "cancelled";
}
