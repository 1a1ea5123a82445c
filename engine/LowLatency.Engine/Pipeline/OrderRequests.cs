using System.Runtime.CompilerServices;
using LowLatency.Engine.Risk;

namespace LowLatency.Engine.Pipeline;

/// <summary>Orders the risk stage prepared on one event (a reversal is a close and an entry per strategy).</summary>
[InlineArray(Capacity)]
public struct OrderRequests
{
    public const int Capacity = 8;

    private OrderRequest _element;
}
