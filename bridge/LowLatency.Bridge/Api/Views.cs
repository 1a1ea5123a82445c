using LowLatency.Bridge.Api.Contracts;
using LowLatency.Bridge.Engine;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;

namespace LowLatency.Bridge.Api;

/// <summary>Turns the read model's state into the frontend's shapes. Called under the read model's lock.</summary>
public static class Views
{
    public static TradingStatusDto Status(TradingState core, ReadModel model) => Status(core, model, Positions(core, model, symbolFor: null), core.Orders.WorkingCount);

    /// <summary>The status of <paramref name="core"/> with its open <paramref name="positions"/> and <paramref name="workingOrders"/> given (a cluster's account keeps its orders on its shards).</summary>
    public static TradingStatusDto Status(TradingState core, ReadModel model, IReadOnlyList<PositionDto> positions, int workingOrders)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(model);
        return new TradingStatusDto(
            core.Status == TradingStatus.Running,
            core.Status == TradingStatus.Paused,
            [.. core.Registry.All.Select(i => i.Symbol)],
            workingOrders,
            DailyStats(core.Account.Today),
            decimal.Round(core.Account.Balance, 2),
            positions,
            Timestamps.Now(),
            StateName(core.Status),
            core.KillSwitch,
            core.StatusReason.ToString(),
            core.Sequence,
            model.Sources.Simulated,
            core.Registry.All.Where(i => model.Sources.Of(i.Id) is not null).ToDictionary(i => i.Symbol, i => model.Sources.Of(i.Id)!),
            model.Sources.Stale(model.Stats?.StaleSymbols));
    }

    /// <summary>Open positions; <paramref name="symbolFor"/> echoes the caller's alias for one instrument.</summary>
    public static List<PositionDto> Positions(TradingState core, ReadModel model, (int Id, string Symbol)? symbolFor) =>
        Positions(core, id => EntryTimeMs(core, model, id), symbolFor);

    /// <summary>Open positions of <paramref name="core"/>, each entered at <paramref name="entryTimeMs"/>'s time for its instrument.</summary>
    public static List<PositionDto> Positions(TradingState core, Func<int, long> entryTimeMs, (int Id, string Symbol)? symbolFor)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(entryTimeMs);
        var list = new List<PositionDto>();
        foreach (var instrument in core.Registry.All)
        {
            if (symbolFor is { } only && only.Id != instrument.Id)
            {
                continue;
            }

            var position = core.Account.Position(instrument.Id);
            if (position.IsFlat)
            {
                continue;
            }

            list.Add(Position(core, instrument, position, symbolFor?.Symbol ?? instrument.Symbol, entryTimeMs(instrument.Id)));
        }

        return list;
    }

    /// <summary>When the linked engine's position in an instrument was opened, as the read model saw it (its latest quote's time when it did not see it open).</summary>
    public static long EntryTimeMs(TradingState core, ReadModel model, int instrumentId)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(model);
        var opened = model.OpenedAtMs(instrumentId);
        return opened != 0 ? opened : Math.Max(model.Quote(instrumentId).TimestampMs, core.Account.MarkTimeMs(instrumentId));
    }

    /// <summary>A position as the frontend reads it: marked at the core's latest quote (longs at the bid, shorts at the ask), its stop-loss and take-profit from its working bracket.</summary>
    public static PositionDto Position(TradingState core, Instrument instrument, Position position, string symbol, long entryTimeMs)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(position);
        var mark = position.QuantityLots > 0 ? core.Account.Bid(instrument.Id) : core.Account.Ask(instrument.Id);
        decimal? stopLoss = null;
        decimal? takeProfit = null;
        foreach (var order in core.Orders.WorkingFor(instrument.Id))
        {
            if (order.ReduceOnly && order.ParentId != 0)
            {
                if (order.Type == OrderType.Stop)
                {
                    stopLoss = order.StopTicks * instrument.TickSize;
                }
                else if (order.Type == OrderType.Limit)
                {
                    takeProfit = order.LimitTicks * instrument.TickSize;
                }
            }
        }

        return new PositionDto(
            $"{instrument.Symbol}",
            symbol,
            position.QuantityLots > 0 ? "BUY" : "SELL",
            Math.Abs(position.QuantityLots) * instrument.LotSize,
            decimal.Round(position.AveragePriceTicks * instrument.TickSize, 8),
            mark * instrument.TickSize,
            decimal.Round((decimal)core.Account.Unrealized(instrument.Id), 2),
            decimal.Round(position.RealizedPnl, 2),
            Timestamps.Iso(entryTimeMs),
            stopLoss,
            takeProfit);
    }

    public static OrderDto Order(Order order, Instrument instrument, string? symbol = null)
    {
        var price = order.LimitTicks > 0 ? order.LimitTicks * instrument.TickSize : (decimal?)null;
        var average = order.FilledLots > 0 ? decimal.Round(order.FilledNotionalTicks / order.FilledLots * instrument.TickSize, 8) : (decimal?)null;
        return new OrderDto(
            order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            symbol ?? instrument.Symbol,
            SideName(order.Side),
            TypeName(order.Type),
            order.QuantityLots * instrument.LotSize,
            price ?? average,
            StatusName(order.Status),
            Timestamps.Iso(order.CreatedMs),
            order.FilledLots * instrument.LotSize,
            average,
            order.StopTicks > 0 ? order.StopTicks * instrument.TickSize : null,
            order.StopLossTicks > 0 ? order.StopLossTicks * instrument.TickSize : null,
            order.TakeProfitTicks > 0 ? order.TakeProfitTicks * instrument.TickSize : null,
            order.TimeInForce.ToString().ToUpperInvariant(),
            order.ReduceOnly,
            order.Status == OrderStatus.Rejected ? order.RejectReason.ToString() : null);
    }

    /// <summary>The engine's trading state as the API words it (<c>running</c>, <c>paused</c>, <c>stopped</c>, <c>halted</c>).</summary>
    public static string StateName(TradingStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>The day's statistics as <c>TradingStatus.daily_stats</c> gives them.</summary>
    public static DailyStatsDto DailyStats(DailyStatistics today)
    {
        ArgumentNullException.ThrowIfNull(today);
        return new DailyStatsDto(today.Trades, today.Wins, today.Losses, decimal.Round(today.RealizedPnl, 2), decimal.Round(today.MaxDrawdown, 2));
    }

    /// <summary>An order's or a fill's side as the frontend reads it.</summary>
    public static string SideName(Side side) => side == Side.Buy ? "BUY" : "SELL";

    public static string TypeName(OrderType type) => type switch
    {
        OrderType.Market => "market",
        OrderType.Limit => "limit",
        OrderType.Stop => "stop",
        _ => "stop_limit",
    };

    public static string StatusName(OrderStatus status) => status switch
    {
        OrderStatus.PartiallyFilled => "partially_filled",
        OrderStatus.PendingNew => "pending",
        OrderStatus.PendingCancel => "pending_cancel",
        OrderStatus.PendingReplace => "pending_replace",
        _ => status.ToString().ToLowerInvariant(),
    };
}
