using System.Runtime.CompilerServices;

namespace LowLatency.Engine.Strategies;

/// <summary>Room in a ring entry for the strategies of one instrument whose bar closed on that event.</summary>
[InlineArray(Capacity)]
public struct StrategySlots
{
    /// <summary>Most strategies one instrument may have (the loader enforces it).</summary>
    public const int Capacity = 4;

    private StrategySlot _element;
}
