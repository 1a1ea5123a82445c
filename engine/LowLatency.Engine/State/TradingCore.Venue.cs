using System.Runtime.CompilerServices;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;

namespace LowLatency.Engine.State;

/// <summary>What the venue reports — fills, triggers, cancels, expiries, resting — as emitted records; and the bracket and OCO bookkeeping that fills drive.</summary>
public sealed partial class TradingCore : IVenueListener
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void IVenueListener.OnFill(Order order, long lots, long priceTicks, bool maker, long timeMs)
    {
        var instrument = _registry[order.InstrumentId];
        if (order.ReduceOnly && !order.AtRemoteVenue)
        {
            // A reduce-only order never opens or flips a position, whatever happened to it meanwhile. (What a real
            // venue filled has traded: it is booked as it is.)
            var open = Math.Abs(Account.Position(order.InstrumentId).QuantityLots);
            var reduces = open > 0 && (Account.Position(order.InstrumentId).QuantityLots > 0) == (order.Side == Side.Sell);
            if (!reduces)
            {
                EmitFinished(order, RecordType.OrderCancelled, CancelReason.PositionClosed, timeMs);
                return;
            }

            lots = Math.Min(lots, open);
        }

        var rate = Account.RateFor(order.InstrumentId);
        var bps = maker ? _fees.MakerFeeBps : _fees.TakerFeeBps;
        var fee = priceTicks * instrument.TickSize * lots * instrument.LotSize * rate * bps / 10_000m;
        var fill = new TradingRecord
        {
            Type = RecordType.Fill, TimeMs = timeMs, OrderId = order.Id, InstrumentId = order.InstrumentId, Side = order.Side,
            QuantityLots = lots, PriceTicks = priceTicks, Amount = decimal.Round(fee, 8), Rate = rate, Flag = maker, StrategyIndex = order.StrategyIndex,
        };
        var filledCompletely = order.RemainingLots == lots;
        var oco = order.OcoId;
        var parentWithBracket = !order.ReduceOnly && (order.StopLossTicks > 0 || order.TakeProfitTicks > 0);
        var id = order.Id;
        Emit(ref fill);
        if (parentWithBracket)
        {
            GrowBracket(order, id, lots, timeMs);
        }

        if (oco != 0 && Orders.TryGetWorking(oco, out var sibling))
        {
            if (filledCompletely || sibling.IntendedLots - sibling.FilledLots <= lots)
            {
                EmitFinished(sibling, RecordType.OrderCancelled, CancelReason.OcoSiblingFilled, timeMs);
            }
            else
            {
                Resize(sibling, sibling.IntendedLots - lots, timeMs);
            }
        }

        if (Account.Position(fill.InstrumentId).IsFlat)
        {
            CancelReduceOnly(fill.InstrumentId, timeMs);
        }
    }

    void IVenueListener.OnTriggered(Order order, long timeMs)
    {
        var r = new TradingRecord { Type = RecordType.OrderTriggered, TimeMs = timeMs, OrderId = order.Id, InstrumentId = order.InstrumentId };
        Emit(ref r);
    }

    void IVenueListener.OnCancelled(Order order, CancelReason reason, long timeMs) => EmitFinished(order, RecordType.OrderCancelled, reason, timeMs);

    void IVenueListener.OnExpired(Order order, long timeMs) => EmitFinished(order, RecordType.OrderExpired, CancelReason.DayEnded, timeMs);

    void IVenueListener.OnRested(Order order, long timeMs)
    {
        var r = new TradingRecord { Type = RecordType.OrderRested, TimeMs = timeMs, OrderId = order.Id, InstrumentId = order.InstrumentId };
        Emit(ref r);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void GrowBracket(Order parent, long parentId, long lots, long timeMs)
    {
        Order? stopLoss = null;
        Order? takeProfit = null;
        foreach (var child in Orders.WorkingFor(parent.InstrumentId))
        {
            if (child.ParentId == parentId)
            {
                if (child.Type == OrderType.Stop)
                {
                    stopLoss = child;
                }
                else
                {
                    takeProfit = child;
                }
            }
        }

        if (stopLoss is null && takeProfit is null)
        {
            var exit = parent.Side == Side.Buy ? Side.Sell : Side.Buy;
            long slId = 0;
            if (parent.StopLossTicks > 0)
            {
                slId = AcceptChild(parent, exit, OrderType.Stop, lots, 0, parent.StopLossTicks, 0, timeMs);
            }

            if (parent.TakeProfitTicks > 0)
            {
                AcceptChild(parent, exit, OrderType.Limit, lots, parent.TakeProfitTicks, 0, slId, timeMs);
            }

            return;
        }

        if (stopLoss is not null)
        {
            Resize(stopLoss, stopLoss.IntendedLots + lots, timeMs);
        }

        if (takeProfit is not null)
        {
            Resize(takeProfit, takeProfit.IntendedLots + lots, timeMs);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long AcceptChild(Order parent, Side side, OrderType type, long lots, long limit, long stop, long oco, long timeMs)
    {
        var id = Orders.LastOrderId + 1;
        var r = new TradingRecord
        {
            Type = RecordType.OrderAccepted, TimeMs = timeMs, OrderId = id, InstrumentId = parent.InstrumentId, Side = side, OrderType = type,
            TimeInForce = TimeInForce.Gtc, QuantityLots = lots, PriceTicks = limit, StopTicks = stop, ParentId = parent.Id, OcoId = oco,
            ReduceOnly = true, StrategyIndex = parent.StrategyIndex, ActiveAtMs = _venue.ActivationTimeMs(id, parent.InstrumentId, timeMs),
            Flag = _venue.IsRemote(parent.InstrumentId), Incarnation = Incarnation,
        };
        Emit(ref r);
        if (Orders.TryGetWorking(id, out var child))
        {
            _venue.Submit(child);
        }

        return id;
    }

    /// <summary>A new quantity: applied at once on the paper exchange; asked of a real venue, which confirms it (pending replace).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Resize(Order order, long quantityLots, long timeMs)
    {
        if (quantityLots == order.IntendedLots)
        {
            return;
        }

        var type = order.AtRemoteVenue ? RecordType.OrderReplaceRequested : RecordType.OrderQuantityChanged;
        var r = new TradingRecord { Type = type, TimeMs = timeMs, OrderId = order.Id, InstrumentId = order.InstrumentId, QuantityLots = quantityLots };
        Emit(ref r);
        if (Orders.TryGetWorking(r.OrderId, out var resized))
        {
            _venue.Amend(resized);
        }
    }

    /// <summary>
    /// Finishes an order: at once where the engine decides (the paper exchange, or a venue's own report); a cancel
    /// the engine wants of a real venue is asked instead (pending cancel), and the order finishes, with this
    /// reason, on the venue's confirmation, or fills meanwhile as the venue says.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EmitFinished(Order order, RecordType type, CancelReason reason, long timeMs, bool tellVenue = true)
    {
        if (tellVenue && order.AtRemoteVenue)
        {
            if (!order.CancelPending)
            {
                var request = new TradingRecord { Type = RecordType.OrderCancelRequested, TimeMs = timeMs, OrderId = order.Id, InstrumentId = order.InstrumentId, Reason = (byte)reason };
                Emit(ref request);
                _venue.Cancel(order);
            }

            return;
        }

        var r = new TradingRecord { Type = type, TimeMs = timeMs, OrderId = order.Id, InstrumentId = order.InstrumentId, Reason = (byte)reason, QuantityLots = order.RemainingLots };
        if (tellVenue)
        {
            _venue.Cancel(order);
        }

        Emit(ref r);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CancelReduceOnly(int instrumentId, long timeMs)
    {
        _scratch.Clear();
        foreach (var order in Orders.WorkingFor(instrumentId))
        {
            if (order.ReduceOnly)
            {
                _scratch.Add(order);
            }
        }

        foreach (var order in _scratch)
        {
            EmitFinished(order, RecordType.OrderCancelled, CancelReason.PositionClosed, timeMs);
        }

        _scratch.Clear();
    }
}
