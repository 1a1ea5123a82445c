namespace LowLatency.Engine.Journal;

/// <summary>How far a batch's records must have gone before an effect of the batch may leave the engine.</summary>
public enum DurabilityPoint
{
    /// <summary>Written to the operating system (survives a crash of the process, not a power cut).</summary>
    Written,

    /// <summary>Synced to stable storage as the fsync policy says (survives a power cut when the policy is every batch).</summary>
    Synced,
}
