namespace LowLatency.Engine.State;

/// <summary>What a <see cref="StateMirror"/> did with a record.</summary>
public enum MirrorOutcome
{
    Applied,

    /// <summary>At or before the mirror's sequence: nothing to do.</summary>
    AlreadyApplied,

    /// <summary>Records are missing before it: the mirror is stale until a snapshot.</summary>
    Gap,

    /// <summary>The mirror was already stale: waiting for a snapshot.</summary>
    Stale,
}
