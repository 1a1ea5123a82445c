using System.Diagnostics;
using LowLatency.Disruptor;
using LowLatency.Engine.Strategies;

namespace LowLatency.Engine.Pipeline;

/// <summary>Stage 3: each strategy whose bar closed decides from the features in the entry. Records tick→signal latency.</summary>
public sealed class SignalStage(IReadOnlyList<Strategy> strategies, PipelineLatency? latency, LatestValues<SignalEvent>? published = null) : IEventHandler<EngineEvent>
{
    private readonly Strategy[] _strategies = [.. strategies];

    public long Signals { get; private set; }

    public void OnEvent(ref EngineEvent entry, long sequence, bool endOfBatch)
    {
        for (var i = 0; i < entry.SlotCount; i++)
        {
            ref var slot = ref entry.Slots[i];
            slot.Signal = _strategies[slot.StrategyIndex].Decide(slot.Features);
            if (slot.Signal.Direction != SignalDirection.None)
            {
                Signals++;
                published?.Write(slot.StrategyIndex, new SignalEvent { StrategyIndex = slot.StrategyIndex, TimeMs = entry.TimeMs, Signal = slot.Signal });
            }
        }

        if (latency is not null)
        {
            entry.SignalTicks = Stopwatch.GetTimestamp();
            if (entry.Kind == EventKind.Tick)
            {
                PipelineLatency.Record(latency.TickToSignal, entry.ArrivalTicks, entry.SignalTicks);
            }
        }
    }
}
