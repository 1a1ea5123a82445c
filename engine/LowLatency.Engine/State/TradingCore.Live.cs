using System.Runtime.CompilerServices;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;

namespace LowLatency.Engine.State;

/// <summary>The live half: decisions on ticks, venue reports and commands, each expressed as emitted records.</summary>
public sealed partial class TradingCore
{
    private readonly List<Order> _scratch = new(64);

    /// <summary>Whether every quote is journalled as a <see cref="RecordType.Mark"/> (so replay restores marks and equity too).</summary>
    public bool JournalTicks { get; set; }

    /// <summary>A quote: <see cref="MarkQuote"/> then <see cref="MatchQuote"/>.</summary>
    public void OnTick(in Tick tick)
    {
        MarkQuote(tick);
        MatchQuote(tick);
    }

    /// <summary>Rolls the day when the quote starts a new UTC day and marks positions to it (the risk stage's view of the market).</summary>
    public void MarkQuote(in Tick tick)
    {
        if (Faulted)
        {
            return;
        }

        RollDayIfNeeded(tick.TimestampMs);
        if (JournalTicks)
        {
            var mark = new TradingRecord { Type = RecordType.Mark, TimeMs = tick.TimestampMs, InstrumentId = tick.InstrumentId, BidTicks = tick.BidTicks, AskTicks = tick.AskTicks };
            Emit(ref mark);
        }
        else
        {
            Account.Mark(tick.InstrumentId, tick.BidTicks, tick.AskTicks, tick.TimestampMs);
        }
    }

    /// <summary>Lets the venue match working orders against the quote, then enforces the loss limits.</summary>
    public void MatchQuote(in Tick tick)
    {
        if (Faulted)
        {
            return;
        }

        _venue.OnQuote(tick, this);
        EnforceLossLimits(tick.TimestampMs);
    }

    /// <summary>Runs the pre-trade checks on <paramref name="request"/> and records the verdict in it.</summary>
    // The order path runs rarely: compiled optimised at once instead of staying in tier-0 code for its first calls.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RejectReason Check(ref OrderRequest request, long timeMs)
    {
        request.Verdict = _risk.Check(request, Status, KillSwitch, timeMs);
        if (request.Verdict == RejectReason.None && !_venue.IsReady(request.InstrumentId))
        {
            request.Verdict = RejectReason.VenueReconciling;
        }

        if (request.Verdict == RejectReason.None)
        {
            request.Verdict = _venue.Screen(request);
        }

        return request.Verdict;
    }

    /// <summary>Sends a checked request: accepted into the book and to the venue, or recorded as rejected. Returns the order id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Route(in OrderRequest request, long timeMs)
    {
        if (Faulted)
        {
            return 0;
        }

        var id = Orders.LastOrderId + 1;
        var r = ToRecord(request, id, timeMs);
        r.ActiveAtMs = _venue.ActivationTimeMs(id, request.InstrumentId, timeMs);
        r.Incarnation = Incarnation;
        if (request.Verdict != RejectReason.None)
        {
            r.Type = RecordType.OrderRejected;
            r.Reason = (byte)request.Verdict;
            Emit(ref r);
            return id;
        }

        r.Type = RecordType.OrderAccepted;
        r.Flag = _venue.IsRemote(request.InstrumentId);
        Emit(ref r);
        _risk.RecordAccepted(timeMs);
        if (Orders.TryGetWorking(id, out var order))
        {
            _venue.Submit(order);
        }

        return id;
    }

    /// <summary>Executes a command on the trading thread; every effect is journalled, the outcome reported.</summary>
    public CommandResult Execute(in Command command, long timeMs)
    {
        if (command.Type == CommandType.Snapshot)
        {
            // Not a state change: no record, nothing journalled. What came before it is made durable and delivered
            // first, so the listener sees the records, then the state they led to.
            Commit();
            _listener?.OnSnapshot(CaptureWithHistory());
            var captured = new CommandResult(command.CorrelationId, command.Type, RejectReason.None, 0);
            _listener?.OnCommandResult(captured);
            return captured;
        }

        if (Faulted)
        {
            // After a fault memory may differ from the journal: nothing more is decided until a restart replays it.
            var refused = new CommandResult(command.CorrelationId, command.Type, RejectReason.TradingHalted, 0);
            Deliver(refused);
            return refused;
        }

        if (RiskBudgetRequest.IsRead(command))
        {
            // Changes nothing: not journalled (a coordinator reads every shard each round). Delivered after what came before it is durable.
            var read = new CommandResult(command.CorrelationId, command.Type, RejectReason.None, 0) { Budget = BudgetReport() };
            Deliver(read);
            return read;
        }

        var audit = new TradingRecord
        {
            Type = RecordType.Command, TimeMs = timeMs, CorrelationId = command.CorrelationId, Reason = (byte)command.Type,
            InstrumentId = command.InstrumentId, Side = command.Side, OrderType = command.OrderType, TimeInForce = command.TimeInForce,
            QuantityLots = command.QuantityLots, PriceTicks = command.LimitTicks, StopTicks = command.StopTicks,
            StopLossTicks = command.StopLossTicks, TakeProfitTicks = command.TakeProfitTicks, OrderId = command.OrderId, Flag = command.Flatten,
        };
        Emit(ref audit);
        var (reason, orderId) = command.Type switch
        {
            CommandType.Start => (IsHalted ? RejectReason.TradingHalted : SetStatus(TradingStatus.Running, StatusReason.Command, false, timeMs), 0L),
            CommandType.Stop => (Stop(timeMs), 0L),
            CommandType.Pause => (Status == TradingStatus.Running ? SetStatus(TradingStatus.Paused, StatusReason.Command, KillSwitch, timeMs) : Status == TradingStatus.Paused ? RejectReason.None : RejectReason.InvalidState, 0L),
            CommandType.Resume => (IsHalted ? RejectReason.TradingHalted : Status is TradingStatus.Paused or TradingStatus.Running ? SetStatus(TradingStatus.Running, StatusReason.Command, false, timeMs) : RejectReason.InvalidState, 0L),
            CommandType.EmergencyStop => (EmergencyStop(command.Flatten, timeMs), 0L),
            CommandType.SubmitOrder => SubmitFromCommand(command, timeMs),
            CommandType.CancelOrder => (CancelFromCommand(command.OrderId, timeMs), command.OrderId),
            CommandType.CancelAll => (CancelWorking(CancelReason.User, includeReduceOnly: true, timeMs), 0L),
            CommandType.ClosePosition => ClosePosition(command.InstrumentId, command.CorrelationId, timeMs),
            CommandType.ClearHalt => (IsHalted ? SetStatus(TradingStatus.Stopped, StatusReason.HaltCleared, false, timeMs) : RejectReason.None, 0L),
            CommandType.SetRiskBudget => (SetRiskBudget(RiskBudgetRequest.FromCommand(command), command.CorrelationId, timeMs), 0L),
            _ => (RejectReason.InvalidOrder, 0L),
        };
        var result = new CommandResult(command.CorrelationId, command.Type, reason, orderId)
        {
            Budget = command.Type == CommandType.SetRiskBudget ? BudgetReport() : default,
        };
        Deliver(result);
        return result;
    }

    /// <summary>Hands working orders to the venue again after a restart (<see cref="IVenue.Restore"/>: a real venue does not resend them).</summary>
    public void ResubmitWorkingOrders()
    {
        _venue.JournalCovers(State.FirstIncarnation, Orders.LastOrderId);
        foreach (var order in Orders.Working)
        {
            _venue.Restore(order);
        }
    }

    private RejectReason CancelWorking(CancelReason reason, bool includeReduceOnly, long timeMs)
    {
        _scratch.Clear();
        foreach (var order in Orders.Working)
        {
            if (includeReduceOnly || !order.ReduceOnly)
            {
                _scratch.Add(order);
            }
        }

        foreach (var order in _scratch)
        {
            EmitFinished(order, RecordType.OrderCancelled, reason, timeMs);
        }

        _scratch.Clear();
        return RejectReason.None;
    }

    private RejectReason CancelFromCommand(long orderId, long timeMs)
    {
        if (Orders.TryGetWorking(orderId, out var order))
        {
            EmitFinished(order, RecordType.OrderCancelled, CancelReason.User, timeMs);
            return RejectReason.None;
        }

        return Orders.Find(orderId) is null ? RejectReason.UnknownOrder : RejectReason.OrderNotWorking;
    }

    private (RejectReason, long) SubmitFromCommand(in Command command, long timeMs)
    {
        var request = new OrderRequest
        {
            CorrelationId = command.CorrelationId, InstrumentId = command.InstrumentId, Side = command.Side, Type = command.OrderType,
            TimeInForce = command.TimeInForce, QuantityLots = command.QuantityLots, LimitTicks = command.LimitTicks, StopTicks = command.StopTicks,
            StopLossTicks = command.StopLossTicks, TakeProfitTicks = command.TakeProfitTicks, StrategyIndex = -1,
        };
        Check(ref request, timeMs);
        var id = Route(request, timeMs);
        return (request.Verdict, id);
    }

    private (RejectReason, long) ClosePosition(int instrumentId, long correlationId, long timeMs)
    {
        if ((uint)instrumentId >= (uint)_registry.Count)
        {
            return (RejectReason.InstrumentNotTradable, 0);
        }

        var quantity = Account.Position(instrumentId).QuantityLots;
        if (quantity == 0)
        {
            return (RejectReason.NoPosition, 0);
        }

        var request = new OrderRequest
        {
            CorrelationId = correlationId, InstrumentId = instrumentId, Side = quantity > 0 ? Side.Sell : Side.Buy, Type = OrderType.Market,
            TimeInForce = TimeInForce.Gtc, QuantityLots = Math.Abs(quantity), ReduceOnly = true, StrategyIndex = -1,
        };
        Check(ref request, timeMs);
        var id = Route(request, timeMs);
        return (request.Verdict, id);
    }

    private RejectReason Stop(long timeMs)
    {
        if (Status == TradingStatus.Stopped)
        {
            return RejectReason.None;
        }

        SetStatus(TradingStatus.Stopped, StatusReason.Command, KillSwitch, timeMs);
        return CancelWorking(CancelReason.TradingStopped, includeReduceOnly: false, timeMs);
    }

    private RejectReason EmergencyStop(bool flatten, long timeMs)
    {
        SetStatus(TradingStatus.Halted, StatusReason.EmergencyStop, true, timeMs);
        CancelWorking(CancelReason.EmergencyStop, includeReduceOnly: true, timeMs);
        if (flatten)
        {
            for (var id = 0; id < _registry.Count; id++)
            {
                var quantity = Account.Position(id).QuantityLots;
                if (quantity != 0)
                {
                    // The kill path bypasses the checks: it only ever closes.
                    var request = new OrderRequest
                    {
                        InstrumentId = id, Side = quantity > 0 ? Side.Sell : Side.Buy, Type = OrderType.Market, TimeInForce = TimeInForce.Gtc,
                        QuantityLots = Math.Abs(quantity), ReduceOnly = true, StrategyIndex = -1,
                    };
                    Route(request, timeMs);
                }
            }
        }

        return RejectReason.None;
    }

    private RejectReason SetStatus(TradingStatus status, StatusReason reason, bool killSwitch, long timeMs)
    {
        if (Status == status && KillSwitch == killSwitch)
        {
            return RejectReason.None;
        }

        var r = new TradingRecord { Type = RecordType.StatusChanged, TimeMs = timeMs, Status = (byte)status, Reason = (byte)reason, Flag = killSwitch };
        Emit(ref r);
        return RejectReason.None;
    }

    private void EnforceLossLimits(long timeMs)
    {
        if (Status is not (TradingStatus.Running or TradingStatus.Paused) || (Account.OpenPositions == 0 && Account.Today.RealizedPnl >= 0))
        {
            return;
        }

        var verdict = _risk.LossVerdict();
        if (verdict == RejectReason.None)
        {
            return;
        }

        SetStatus(TradingStatus.Halted, verdict == RejectReason.DailyLossLimit ? StatusReason.DailyLossLimit : StatusReason.DrawdownLimit, KillSwitch, timeMs);
        CancelWorking(CancelReason.Halted, includeReduceOnly: false, timeMs);
    }

    private void RollDayIfNeeded(long timeMs)
    {
        var day = Timeframe.D1.BucketStart(timeMs);
        if (day > Account.Today.DayStartMs)
        {
            var r = new TradingRecord { Type = RecordType.DayRolled, TimeMs = day, Amount = Account.Balance };
            Emit(ref r);
            RecutDailyLoss(day);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Emit(ref TradingRecord r)
    {
        r.Sequence = Sequence + 1;
        _journal?.Append(r);
        Apply(r);
        Deliver(r);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static TradingRecord ToRecord(in OrderRequest request, long id, long timeMs) => new()
    {
        TimeMs = timeMs, OrderId = id, CorrelationId = request.CorrelationId, InstrumentId = request.InstrumentId, Side = request.Side,
        OrderType = request.Type, TimeInForce = request.TimeInForce, QuantityLots = request.QuantityLots, PriceTicks = request.LimitTicks,
        StopTicks = request.StopTicks, StopLossTicks = request.StopLossTicks, TakeProfitTicks = request.TakeProfitTicks,
        ReduceOnly = request.ReduceOnly, StrategyIndex = request.StrategyIndex, ActiveAtMs = timeMs,
    };
}
