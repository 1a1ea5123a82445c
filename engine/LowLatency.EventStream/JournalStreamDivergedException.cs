namespace LowLatency.EventStream;

/// <summary>The stream holds records the journal does not: two histories, which publishing never mixes.</summary>
public sealed class JournalStreamDivergedException(string message) : Exception(message);
