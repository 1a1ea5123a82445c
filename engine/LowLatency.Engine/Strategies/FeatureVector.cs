using System.Runtime.CompilerServices;

namespace LowLatency.Engine.Strategies;

/// <summary>
/// The indicator values a strategy computed on a closed bar, carried inside the ring entry from the indicator
/// stage to the signal stage (so the two can run on different threads). Slot 0 is the close, 1 the ATR.
/// </summary>
[InlineArray(Length)]
public struct FeatureVector
{
    public const int Length = 12;

    private double _element;
}
