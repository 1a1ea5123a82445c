namespace LowLatency.Engine.Journal;

/// <summary>One file of a segmented journal and the sequence of the first record it holds (its name says it).</summary>
public readonly record struct JournalSegment(string Path, long FirstSequence);
