using System.Globalization;

namespace LowLatency.Chaos;

/// <summary>What a chaos run found; every count but cycles and restarts must be zero.</summary>
public sealed class ChaosReport
{
    public int Cycles { get; set; }

    public int RestartsOk { get; set; }

    /// <summary>Orders (or cancels) a client was told succeeded that the restarted system does not have.</summary>
    public int AcknowledgedButLost { get; set; }

    /// <summary>The bridge's view disagreeing with the state replayed from the engine's journal.</summary>
    public int StateMismatches { get; set; }

    /// <summary>An order whose status on the bridge differs from the engine's.</summary>
    public int StaleStatuses { get; set; }

    /// <summary>An acknowledged emergency stop that a restart undid.</summary>
    public int HaltsLost { get; set; }

    public bool Clean => RestartsOk == Cycles && AcknowledgedButLost == 0 && StateMismatches == 0 && StaleStatuses == 0 && HaltsLost == 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"cycles {Cycles}, restarts ok {RestartsOk}, acknowledged-but-lost {AcknowledgedButLost}, state mismatches {StateMismatches}, stale statuses {StaleStatuses}, halts lost {HaltsLost}");
}
