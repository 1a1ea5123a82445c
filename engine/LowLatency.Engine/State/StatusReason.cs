namespace LowLatency.Engine.State;

/// <summary>Why the trading status changed.</summary>
public enum StatusReason : byte
{
    Command,
    EmergencyStop,
    DailyLossLimit,
    DrawdownLimit,

    /// <summary>An operator cleared a halt (<see cref="Commands.CommandType.ClearHalt"/>).</summary>
    HaltCleared,

    /// <summary>The code that changes the state of record threw: trading stopped until an operator clears it.</summary>
    Fault,

    /// <summary>The venue's account of an order disagrees with the journal in a way no record can mend (reconciliation failed).</summary>
    Reconciliation,
}
