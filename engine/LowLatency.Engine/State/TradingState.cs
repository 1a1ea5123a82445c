using System.Runtime.CompilerServices;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;

namespace LowLatency.Engine.State;

/// <summary>
/// The trading state of record — orders, positions, balance, trading status, kill switch, daily statistics,
/// sequence — and the one way it changes: <see cref="Apply"/> of a <see cref="TradingRecord"/>. The live
/// <see cref="TradingCore"/> decides and emits records into one; replay and every mirror (the link's, the
/// bridge's) apply records to their own, with no risk engine or venue they would never use.
/// </summary>
public sealed partial class TradingState
{
    private readonly InstrumentRegistry _registry;

    /// <param name="finishedHistory">How many finished orders stay in memory (a mirror that resyncs others keeps more).</param>
    public TradingState(InstrumentRegistry registry, AccountOptions account, int finishedHistory = 1024)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        Account = new Account(registry, account);
        Orders = new OrderBook(registry.Count, finishedHistory);
    }

    public InstrumentRegistry Registry => _registry;

    public Account Account { get; }

    public OrderBook Orders { get; }

    public TradingStatus Status { get; private set; } = TradingStatus.Stopped;

    /// <summary>Set by an emergency stop; cleared only by <see cref="Commands.CommandType.ClearHalt"/>.</summary>
    public bool KillSwitch { get; private set; }

    /// <summary>Halted or kill switch set: Start and Resume are refused until an operator clears it, restarts included.</summary>
    public bool IsHalted => Status == TradingStatus.Halted || KillSwitch;

    /// <summary>Why the status last changed.</summary>
    public StatusReason StatusReason { get; private set; }

    /// <summary>The last record's sequence number (records are numbered 1, 2, 3 …).</summary>
    public long Sequence { get; private set; }

    public long CommandsReceived { get; private set; }

    public long OrdersRejected { get; private set; }

    public long FillCount { get; private set; }

    /// <summary>The incarnation of the first order this journal accepted (0: none yet, or accepted before incarnations): one lower is another journal's.</summary>
    public int FirstIncarnation { get; private set; }

    /// <summary>The shard's risk budget as a coordinator last set it; version 0: none set, the configured limits apply.</summary>
    public RiskBudget Budget { get; private set; }

    /// <summary>Applies one record: the only place state changes. Used live (after journalling) and on replay.</summary>
    // The order path runs rarely: compiled optimised at once instead of staying in tier-0 code for its first calls.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Apply(in TradingRecord r)
    {
        if (r.Sequence != 0)
        {
            Sequence = r.Sequence;
        }

        switch (r.Type)
        {
            case RecordType.Command:
                CommandsReceived++;
                break;
            case RecordType.OrderAccepted:
                ApplyAccepted(r);
                break;
            case RecordType.OrderRejected:
                OrdersRejected++;
                var rejected = NewOrder(r, OrderStatus.Rejected);
                rejected.RejectReason = (RejectReason)r.Reason;
                rejected.FinishedSequence = r.Sequence;
                Orders.AddFinished(rejected);
                break;
            case RecordType.Fill:
                ApplyFill(r);
                break;
            case RecordType.OrderCancelled:
            case RecordType.OrderExpired:
                if (Orders.TryGetWorking(r.OrderId, out var finished))
                {
                    finished.Status = r.Type == RecordType.OrderCancelled ? OrderStatus.Cancelled : OrderStatus.Expired;
                    finished.UpdatedMs = r.TimeMs;
                    finished.FinishedSequence = r.Sequence;
                    Orders.Finish(finished);
                }

                break;
            case RecordType.OrderQuantityChanged:
                if (Orders.TryGetWorking(r.OrderId, out var resized))
                {
                    resized.QuantityLots = r.QuantityLots;
                    resized.UpdatedMs = r.TimeMs;
                    if (resized.PendingQuantityLots == r.QuantityLots)
                    {
                        SettleReplace(resized);
                    }
                }

                break;
            case RecordType.OrderAcknowledged:
            case RecordType.OrderCancelRequested:
            case RecordType.OrderCancelRejected:
            case RecordType.OrderReplaceRequested:
            case RecordType.OrderReplaceRejected:
                if (Orders.TryGetWorking(r.OrderId, out var pending))
                {
                    ApplyPending(pending, r);
                }

                break;
            case RecordType.OrderRested:
                if (Orders.TryGetWorking(r.OrderId, out var rested))
                {
                    rested.Rested = true;
                }

                break;
            case RecordType.OrderTriggered:
                if (Orders.TryGetWorking(r.OrderId, out var triggered))
                {
                    triggered.Triggered = true;
                    triggered.UpdatedMs = r.TimeMs;
                }

                break;
            case RecordType.StatusChanged:
                Status = (TradingStatus)r.Status;
                StatusReason = (StatusReason)r.Reason;
                KillSwitch = r.Flag;
                break;
            case RecordType.DayRolled:
                Account.RollDay(r.TimeMs, r.Amount);
                break;
            case RecordType.Mark:
                Account.Mark(r.InstrumentId, r.BidTicks, r.AskTicks, r.TimeMs);
                break;
            case RecordType.RiskBudgetChanged:
                Budget = RiskBudget.FromRecord(r);
                break;
            default:
                throw new InvalidOperationException($"Record type {r.Type} cannot be applied.");
        }
    }

    /// <summary>A request to a real venue, or its answer: the pending states (<see cref="OrderStatus"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ApplyPending(Order order, in TradingRecord r)
    {
        order.UpdatedMs = r.TimeMs;
        switch (r.Type)
        {
            case RecordType.OrderAcknowledged when order.Status == OrderStatus.PendingNew:
                order.Status = OrderStatus.Accepted;
                break;
            case RecordType.OrderCancelRequested:
                order.Status = OrderStatus.PendingCancel;
                order.PendingCancelReason = (CancelReason)r.Reason;
                break;
            case RecordType.OrderCancelRejected when order.Status == OrderStatus.PendingCancel:
                order.Status = order.PendingQuantityLots != 0 ? OrderStatus.PendingReplace : order.Resting;
                break;
            case RecordType.OrderReplaceRequested:
                order.PendingQuantityLots = r.QuantityLots;
                order.Status = order.Status == OrderStatus.PendingCancel ? OrderStatus.PendingCancel : OrderStatus.PendingReplace;
                break;
            case RecordType.OrderReplaceRejected:
                SettleReplace(order);
                break;
            default:
                break;
        }
    }

    private static void SettleReplace(Order order)
    {
        order.PendingQuantityLots = 0;
        if (order.Status == OrderStatus.PendingReplace)
        {
            order.Status = order.Resting;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ApplyAccepted(in TradingRecord r)
    {
        var order = NewOrder(r, r.Flag ? OrderStatus.PendingNew : OrderStatus.Accepted);
        order.AtRemoteVenue = r.Flag;
        Orders.AddWorking(order);
        if (order.OcoId != 0 && Orders.TryGetWorking(order.OcoId, out var sibling))
        {
            sibling.OcoId = order.Id;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ApplyFill(in TradingRecord r)
    {
        if (!Orders.TryGetWorking(r.OrderId, out var order))
        {
            throw new InvalidOperationException($"Fill for order {r.OrderId}, which is not working.");
        }

        order.FilledLots += r.QuantityLots;
        order.FilledNotionalTicks += r.PriceTicks * (decimal)r.QuantityLots;
        order.UpdatedMs = r.TimeMs;
        order.Status = order.FilledLots >= order.QuantityLots ? OrderStatus.Filled
            : order.Status is OrderStatus.PendingCancel or OrderStatus.PendingReplace ? order.Status // what was asked is still unanswered
            : OrderStatus.PartiallyFilled;
        FillCount++;
        Account.ApplyFill(order.InstrumentId, order.Side, r.QuantityLots, r.PriceTicks, r.Amount, r.Rate);
        if (order.Status == OrderStatus.Filled)
        {
            order.FinishedSequence = r.Sequence;
            Orders.Finish(order);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Order NewOrder(in TradingRecord r, OrderStatus status)
    {
        if (Orders.LastOrderId == 0)
        {
            FirstIncarnation = r.Incarnation;
        }

        var order = Orders.Rent();
        order.Id = r.OrderId;
        order.Incarnation = r.Incarnation;
        order.CorrelationId = r.CorrelationId;
        order.InstrumentId = r.InstrumentId;
        order.Side = r.Side;
        order.Type = r.OrderType;
        order.TimeInForce = r.TimeInForce;
        order.QuantityLots = r.QuantityLots;
        order.LimitTicks = r.PriceTicks;
        order.StopTicks = r.StopTicks;
        order.StopLossTicks = r.StopLossTicks;
        order.TakeProfitTicks = r.TakeProfitTicks;
        order.ParentId = r.ParentId;
        order.OcoId = r.OcoId;
        order.ReduceOnly = r.ReduceOnly;
        order.StrategyIndex = r.StrategyIndex;
        order.CreatedMs = order.UpdatedMs = r.TimeMs;
        order.ActiveAtMs = r.ActiveAtMs;
        order.Status = status;
        return order;
    }
}
