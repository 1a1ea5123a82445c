using LowLatency.Engine.Risk;

namespace LowLatency.Bridge.Engine;

/// <summary>What became of a command: the engine's verdict and order id, or <see cref="LinkError"/> when the engine never answered.</summary>
public readonly record struct CommandOutcome(RejectReason Reason, long OrderId, string? LinkError)
{
    public bool Accepted => LinkError is null && Reason == RejectReason.None;
}
