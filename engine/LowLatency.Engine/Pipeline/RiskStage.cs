using System.Diagnostics;
using System.Runtime.CompilerServices;
using LowLatency.Disruptor;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Engine.Strategies;

namespace LowLatency.Engine.Pipeline;

/// <summary>
/// Stage 4: marks the account to the tick, turns strategy signals into sized order requests (a reversal is a
/// reduce-only close plus an entry with its bracket) and runs the pre-trade checks on each, writing the verdict
/// into the entry. It reads and the routing stage writes the same trading state, so the two must run on one
/// thread (the engine configuration enforces this).
/// </summary>
public sealed class RiskStage(TradingCore core, IReadOnlyList<Strategy> strategies, bool stampTimes) : IEventHandler<EngineEvent>
{
    private readonly Strategy[] _strategies = [.. strategies];

    /// <summary>Signals that sized to less than one lot.</summary>
    public long TooSmall { get; private set; }

    public void OnEvent(ref EngineEvent entry, long sequence, bool endOfBatch)
    {
        if (entry.Kind == EventKind.Tick && entry.Error == IngestError.None)
        {
            core.MarkQuote(entry.Tick);
            core.Risk.MarkArrival(entry.Tick.InstrumentId, entry.ArrivalTicks);
            for (var i = 0; i < entry.SlotCount; i++)
            {
                ref var slot = ref entry.Slots[i];
                if (slot.Signal.Direction != SignalDirection.None)
                {
                    Plan(ref entry, _strategies[slot.StrategyIndex], slot.Signal);
                }
            }
        }

        if (stampTimes)
        {
            entry.RiskTicks = Stopwatch.GetTimestamp();
        }
    }

    // The order path runs rarely: compiled optimised at once instead of staying in tier-0 code for its first calls.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Plan(ref EngineEvent entry, Strategy strategy, in Signal signal)
    {
        var id = strategy.Instrument.Id;
        var position = core.Account.Position(id).QuantityLots;
        var wantLong = signal.Direction == SignalDirection.Long;
        var wantShort = signal.Direction == SignalDirection.Short;
        if ((wantLong && position > 0) || (wantShort && position < 0) || (signal.Direction == SignalDirection.Flat && position == 0) || HasWorkingEntry(strategy))
        {
            return;
        }

        if (position != 0)
        {
            Add(ref entry, new OrderRequest
            {
                InstrumentId = id, Side = position > 0 ? Side.Sell : Side.Buy, Type = OrderType.Market, TimeInForce = TimeInForce.Gtc,
                QuantityLots = Math.Abs(position), ReduceOnly = true, StrategyIndex = strategy.Index,
            });
        }

        if (!wantLong && !wantShort)
        {
            return;
        }

        if (!TrySizeEntry(strategy, signal, wantLong, out var request))
        {
            TooSmall++;
            return;
        }

        Add(ref entry, request);
    }

    /// <summary>
    /// Keeps this stage's order path hot without changing anything (see <see cref="OrderPathWarmer"/>): sizes a
    /// long entry for each strategy from the current quote and runs the pre-trade checks on it, discarding both.
    /// </summary>
    public void DryRun(long timeMs)
    {
        foreach (var strategy in _strategies)
        {
            var id = strategy.Instrument.Id;
            var mid = core.Account.MidTicks(id) * strategy.Instrument.TickSizeAsDouble;
            var signal = new Signal { Direction = SignalDirection.Long, Price = mid, StopDistance = mid * 0.01, TakeDistance = mid * 0.02, Atr = mid * 0.005 };
            if (!HasWorkingEntry(strategy) && TrySizeEntry(strategy, signal, wantLong: true, out var request))
            {
                _ = core.Risk.Check(request, core.Status, core.KillSwitch, timeMs);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TrySizeEntry(Strategy strategy, in Signal signal, bool wantLong, out OrderRequest request)
    {
        var instrument = strategy.Instrument;
        var id = instrument.Id;
        var tickSize = instrument.TickSizeAsDouble;
        var mid = core.Account.MidTicks(id) * tickSize;
        var entryPrice = mid > 0 ? mid : signal.Price;
        var rate = core.Account.RateAsDouble(id);
        var quantity = PositionSizer.Quantity(strategy.Definition.Sizing, core.Account.Equity, entryPrice, signal.StopDistance, signal.Atr, rate, core.Risk.Limits.MaxPositionPercent);
        var lots = (long)Math.Floor(quantity / instrument.LotSizeAsDouble);
        var direction = wantLong ? 1 : -1;
        request = new OrderRequest
        {
            InstrumentId = id, Side = wantLong ? Side.Buy : Side.Sell, Type = OrderType.Market, TimeInForce = TimeInForce.Gtc, QuantityLots = lots,
            StopLossTicks = Math.Max(1, (long)Math.Round((entryPrice - (direction * signal.StopDistance)) / tickSize)),
            TakeProfitTicks = Math.Max(1, (long)Math.Round((entryPrice + (direction * signal.TakeDistance)) / tickSize)),
            StrategyIndex = strategy.Index,
        };
        return lots >= 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Add(ref EngineEvent entry, OrderRequest request)
    {
        if (entry.RequestCount >= OrderRequests.Capacity)
        {
            return;
        }

        core.Check(ref request, entry.TimeMs);
        entry.Requests[entry.RequestCount++] = request;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool HasWorkingEntry(Strategy strategy)
    {
        foreach (var order in core.Orders.WorkingFor(strategy.Instrument.Id))
        {
            if (order.StrategyIndex == strategy.Index && !order.ReduceOnly)
            {
                return true;
            }
        }

        return false;
    }
}
