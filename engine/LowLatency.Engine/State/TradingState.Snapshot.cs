using System.Text.Json;
using System.Text.Json.Serialization;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;

namespace LowLatency.Engine.State;

/// <summary>Snapshots: the whole state as a <see cref="StateSnapshot"/>, and back.</summary>
public sealed partial class TradingState
{
    /// <summary>camelCase, enums as words, indented: the format of snapshot files and of <c>./run.sh state</c>.</summary>
    public static readonly JsonSerializerOptions SnapshotJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public StateSnapshot Capture() => CaptureStatus() with
    {
        Positions = [.. _registry.All.Where(i => Account.Position(i.Id).Fills > 0).Select(i => ToSnapshot(i.Id))],
        WorkingOrders = [.. Orders.Working.OrderBy(o => o.Id).Select(ToSnapshot)],
        Marks = [.. _registry.All.Where(i => Account.HasQuote(i.Id)).Select(i => new MarkSnapshot
        {
            Symbol = i.Symbol, BidTicks = Account.Bid(i.Id), AskTicks = Account.Ask(i.Id), TimeMs = Account.MarkTimeMs(i.Id),
        })],
    };

    /// <summary>The state without its positions, working orders and marks: trading state, account and the day's statistics (what the cluster's read side keeps per shard).</summary>
    public StateSnapshot CaptureStatus()
    {
        var today = Account.Today;
        return new StateSnapshot
        {
            LastSequence = Sequence,
            TradingState = Name(Status),
            StatusReason = Name(StatusReason),
            KillSwitch = KillSwitch,
            Currency = Account.Currency,
            Balance = Account.Balance,
            PeakBalance = Account.PeakBalance,
            Equity = Account.Equity,
            UnrealizedPnl = Account.UnrealizedPnl,
            LastOrderId = Orders.LastOrderId, FirstIncarnation = FirstIncarnation,
            CommandsReceived = CommandsReceived,
            OrdersRejected = OrdersRejected,
            Fills = FillCount,
            RiskBudget = Budget.Version == 0 ? null : Budget,
            Today = new DailySnapshot
            {
                DayStartMs = today.DayStartMs, StartBalance = today.StartBalance, Trades = today.Trades, Wins = today.Wins, Losses = today.Losses,
                Fills = today.Fills, RealizedPnl = today.RealizedPnl, Fees = today.Fees, HighBalance = today.HighBalance, MaxDrawdown = today.MaxDrawdown,
            },
        };
    }

    /// <summary>An instrument's position as the snapshot (and the cluster's read side) keeps it.</summary>
    public PositionSnapshot ToSnapshot(int instrumentId)
    {
        var i = _registry[instrumentId];
        var p = Account.Position(instrumentId);
        return new PositionSnapshot
        {
            Symbol = i.Symbol, Quantity = i.LotsToQuantity(p.QuantityLots), AveragePrice = p.AveragePriceTicks * i.TickSize,
            RealizedPnl = p.RealizedPnl, UnrealizedPnl = Account.Unrealized(i.Id), QuantityLots = p.QuantityLots,
            CostBasisTickLots = p.CostBasisTickLots, RealizedTickLots = p.RealizedTickLots, Fees = p.Fees, FillCount = p.Fills,
        };
    }

    /// <summary>An order as the snapshot (and the API) shows it.</summary>
    public OrderSnapshot ToSnapshot(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var i = _registry[order.InstrumentId];
        return new OrderSnapshot
        {
            Id = order.Id, CorrelationId = order.CorrelationId, Symbol = i.Symbol, Side = Name(order.Side), Type = Name(order.Type),
            TimeInForce = Name(order.TimeInForce), Status = Name(order.Status), Quantity = i.LotsToQuantity(order.QuantityLots),
            FilledQuantity = i.LotsToQuantity(order.FilledLots),
            LimitPrice = order.LimitTicks > 0 ? i.TicksToPrice(order.LimitTicks) : null, StopPrice = order.StopTicks > 0 ? i.TicksToPrice(order.StopTicks) : null,
            StopLoss = order.StopLossTicks > 0 ? i.TicksToPrice(order.StopLossTicks) : null, TakeProfit = order.TakeProfitTicks > 0 ? i.TicksToPrice(order.TakeProfitTicks) : null,
            ParentId = order.ParentId, OcoId = order.OcoId, ReduceOnly = order.ReduceOnly, Triggered = order.Triggered, StrategyIndex = order.StrategyIndex,
            CreatedMs = order.CreatedMs, UpdatedMs = order.UpdatedMs, QuantityLots = order.QuantityLots, FilledLots = order.FilledLots,
            LimitTicks = order.LimitTicks, StopTicks = order.StopTicks, StopLossTicks = order.StopLossTicks, TakeProfitTicks = order.TakeProfitTicks,
            FilledNotionalTicks = order.FilledNotionalTicks, ActiveAtMs = order.ActiveAtMs, Rested = order.Rested,
            RejectReason = Name(order.RejectReason), FinishedSequence = order.FinishedSequence,
            Incarnation = order.Incarnation, AtRemoteVenue = order.AtRemoteVenue, PendingQuantityLots = order.PendingQuantityLots, PendingCancelReason = Name(order.PendingCancelReason),
        };
    }

    /// <summary>Replaces the state with a snapshot's (on start, before replaying the journal after it).</summary>
    public void Restore(StateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (Sequence != 0 || Orders.WorkingCount != 0)
        {
            throw new InvalidOperationException("A snapshot restores a fresh core only.");
        }

        Sequence = snapshot.LastSequence;
        Status = Parse<TradingStatus>(snapshot.TradingState);
        StatusReason = Parse<StatusReason>(snapshot.StatusReason);
        KillSwitch = snapshot.KillSwitch;
        CommandsReceived = snapshot.CommandsReceived;
        OrdersRejected = snapshot.OrdersRejected;
        FillCount = snapshot.Fills;
        Account.Restore(snapshot.Balance, snapshot.PeakBalance);
        var d = snapshot.Today;
        Account.RollDay(d.DayStartMs, d.StartBalance);
        var today = Account.Today;
        (today.Trades, today.Wins, today.Losses, today.Fills) = (d.Trades, d.Wins, d.Losses, d.Fills);
        (today.RealizedPnl, today.Fees, today.HighBalance, today.MaxDrawdown) = (d.RealizedPnl, d.Fees, d.HighBalance, d.MaxDrawdown);
        foreach (var m in snapshot.Marks)
        {
            Account.Mark(Resolve(_registry, m.Symbol), m.BidTicks, m.AskTicks, m.TimeMs);
        }

        foreach (var p in snapshot.Positions)
        {
            Account.RestorePosition(Resolve(_registry, p.Symbol), p.QuantityLots, p.CostBasisTickLots, p.RealizedTickLots, p.Fees, p.FillCount);
        }

        foreach (var o in snapshot.WorkingOrders)
        {
            Orders.AddWorking(FromSnapshot(o));
        }

        foreach (var o in snapshot.RecentlyFinished ?? [])
        {
            Orders.AddFinished(FromSnapshot(o));
        }

        Orders.LastOrderId = Math.Max(Orders.LastOrderId, snapshot.LastOrderId);
        FirstIncarnation = snapshot.FirstIncarnation;
        Budget = snapshot.RiskBudget ?? default;
    }

    /// <summary>The state with the finished orders this core remembers: what snapshot files and the link's resyncs carry.</summary>
    public StateSnapshot CaptureWithHistory() => Capture() with { RecentlyFinished = FinishedAfter(0) };

    /// <summary>Finished orders after <paramref name="sequence"/> that this core still remembers, oldest first (for a link snapshot).</summary>
    public IReadOnlyList<OrderSnapshot> FinishedAfter(long sequence) => [.. Orders.History.Where(o => o.FinishedSequence > sequence).Select(ToSnapshot)];

    private Order FromSnapshot(OrderSnapshot o) => Restore(Orders.Rent(), o, _registry);

    /// <summary>
    /// A snapshot's order outside any book, never traded on: what a reader of projected orders (the cluster's read
    /// side) renders with the same views as the engine's own orders.
    /// </summary>
    public static Order Detached(OrderSnapshot snapshot, InstrumentRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(registry);
        return Restore(new Order(), snapshot, registry);
    }

    private static Order Restore(Order order, OrderSnapshot o, InstrumentRegistry registry)
    {
        order.Id = o.Id;
        order.CorrelationId = o.CorrelationId;
        order.InstrumentId = Resolve(registry, o.Symbol);
        order.Side = Parse<Side>(o.Side);
        order.Type = Parse<OrderType>(o.Type);
        order.TimeInForce = Parse<TimeInForce>(o.TimeInForce);
        order.Status = Parse<OrderStatus>(o.Status);
        order.RejectReason = Parse<RejectReason>(o.RejectReason);
        (order.QuantityLots, order.FilledLots, order.LimitTicks, order.StopTicks) = (o.QuantityLots, o.FilledLots, o.LimitTicks, o.StopTicks);
        (order.StopLossTicks, order.TakeProfitTicks, order.ParentId, order.OcoId) = (o.StopLossTicks, o.TakeProfitTicks, o.ParentId, o.OcoId);
        (order.ReduceOnly, order.Triggered, order.StrategyIndex) = (o.ReduceOnly, o.Triggered, o.StrategyIndex);
        (order.CreatedMs, order.UpdatedMs, order.ActiveAtMs, order.FilledNotionalTicks, order.Rested) = (o.CreatedMs, o.UpdatedMs, o.ActiveAtMs, o.FilledNotionalTicks, o.Rested);
        order.FinishedSequence = o.FinishedSequence;
        (order.Incarnation, order.AtRemoteVenue, order.PendingQuantityLots, order.PendingCancelReason) = (o.Incarnation, o.AtRemoteVenue, o.PendingQuantityLots, Parse<CancelReason>(o.PendingCancelReason));
        return order;
    }

    private static int Resolve(InstrumentRegistry registry, string symbol) => registry.TryResolve(symbol, out var instrument)
        ? instrument.Id
        : throw new InvalidDataException($"The snapshot names '{symbol}', which is not a configured instrument.");

    private static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static T Parse<T>(string text)
        where T : struct, Enum => Enum.TryParse<T>(text, ignoreCase: true, out var value) ? value : throw new InvalidDataException($"'{text}' is not a {typeof(T).Name}.");
}
