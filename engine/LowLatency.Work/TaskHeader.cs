namespace LowLatency.Work;

/// <summary>The fields every task result and progress message shares: whose it is, read before the rest.</summary>
internal sealed record TaskHeader(string Job, int Task);
