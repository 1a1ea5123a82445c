namespace LowLatency.Engine.Pipeline;

public enum EventKind : byte
{
    None,
    Tick,
    Command,

    /// <summary>What a real venue reported about one of our orders (an execution report), as an input like any other.</summary>
    VenueReport,

    /// <summary>The journal's syncer: everything up to <see cref="EngineEvent.JournalPosition"/> is on stable storage.</summary>
    JournalSynced,
}
