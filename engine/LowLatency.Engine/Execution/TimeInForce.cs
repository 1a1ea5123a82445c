namespace LowLatency.Engine.Execution;

public enum TimeInForce : byte
{
    /// <summary>Good till cancelled.</summary>
    Gtc,

    /// <summary>Immediate or cancel: fill what the first eligible quote allows, cancel the rest.</summary>
    Ioc,

    /// <summary>Fill or kill: fill all of it on the first eligible quote or cancel it all.</summary>
    Fok,

    /// <summary>Expires at the end of the UTC day it was accepted on.</summary>
    Day,
}
