namespace LowLatency.Engine.Pipeline;

/// <summary>Why the ingest stage refused an event; later stages skip refused events.</summary>
public enum IngestError : byte
{
    None,
    UnknownKind,
    UnknownInstrument,
    NonPositivePrice,
    CrossedQuote,
    NegativeSize,
    NonPositiveTimestamp,
    UnknownCommand,
}
