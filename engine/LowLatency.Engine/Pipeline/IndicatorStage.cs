using System.Diagnostics;
using LowLatency.Analytics;
using LowLatency.Disruptor;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Strategies;

namespace LowLatency.Engine.Pipeline;

/// <summary>
/// Stage 2: aggregates each tick's trade into the bars the strategies use and, when a bar closes, lets each
/// strategy on it update its indicators and write its features into the entry. Allocation-free.
/// </summary>
public sealed class IndicatorStage : IEventHandler<EngineEvent>, IBarSink
{
    private readonly Strategy[][] _byInstrument;
    private readonly double[] _tickSize;
    private readonly double[] _lotSize;
    private readonly BarAggregator? _bars;
    private readonly bool _stampTimes;
    private StrategySlots _pending;
    private int _pendingCount;

    public IndicatorStage(InstrumentRegistry registry, IReadOnlyList<Strategy> strategies, bool stampTimes)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(strategies);
        _byInstrument = [.. registry.All.Select(i => strategies.Where(s => s.Instrument.Id == i.Id).ToArray())];
        _tickSize = [.. registry.All.Select(i => (double)i.TickSize)];
        _lotSize = [.. registry.All.Select(i => (double)i.LotSize)];
        var timeframes = strategies.Select(s => s.Timeframe).Distinct().Order().ToArray();
        _bars = timeframes.Length == 0 ? null : new BarAggregator(registry.Count, timeframes);
        _stampTimes = stampTimes;
    }

    /// <summary>Bars completed (all strategy timeframes).</summary>
    public long BarsClosed { get; private set; }

    public void OnEvent(ref EngineEvent entry, long sequence, bool endOfBatch)
    {
        if (entry.Kind == EventKind.Tick && entry.Error == IngestError.None && _bars is not null)
        {
            ref readonly var tick = ref entry.Tick;
            var id = tick.InstrumentId;
            if (_byInstrument[id].Length > 0)
            {
                _pendingCount = 0;
                _bars.OnTrade(id, tick.TimestampMs, tick.LastTicks * _tickSize[id], tick.SizeLots * _lotSize[id], this);
                if (_pendingCount > 0)
                {
                    // Only the slots in use: the whole array is 640 bytes of mostly cold ring memory.
                    for (var i = 0; i < _pendingCount; i++)
                    {
                        entry.Slots[i] = _pending[i];
                    }

                    entry.SlotCount = _pendingCount;
                }
            }
        }

        if (_stampTimes)
        {
            entry.IndicatorTicks = Stopwatch.GetTimestamp();
        }
    }

    public void OnBarClosed(int instrumentId, Timeframe timeframe, in OhlcvBar bar)
    {
        BarsClosed++;
        foreach (var strategy in _byInstrument[instrumentId])
        {
            if (strategy.Timeframe != timeframe || _pendingCount >= StrategySlots.Capacity)
            {
                continue;
            }

            ref var slot = ref _pending[_pendingCount];
            if (strategy.OnBar(bar, ref slot.Features))
            {
                slot.StrategyIndex = strategy.Index;
                slot.BarOpenTimeMs = bar.OpenTimeMs;
                slot.Signal = default;
                _pendingCount++;
            }
        }
    }
}
