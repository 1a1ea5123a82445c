namespace LowLatency.EventStream;

/// <summary>A command that got no result from its shard: none serves it, it did not answer in time, or it refused the request; the message says which.</summary>
public sealed class ShardCommandException(string message) : Exception(message);
