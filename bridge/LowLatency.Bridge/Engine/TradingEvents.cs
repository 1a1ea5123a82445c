using System.Text.Json;
using LowLatency.Bridge.Api;
using LowLatency.Bridge.Realtime;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;

namespace LowLatency.Bridge.Engine;

/// <summary>What each engine record means to live clients: order, fill, position and status events on their channels. Called under <see cref="ReadModel"/>'s lock.</summary>
/// <param name="eventsFromCluster">Whether these events come from the cluster's read side instead (<see cref="Cluster.ClusterFeed"/>), every shard's, with the ids the order routes give.</param>
internal sealed class TradingEvents(InstrumentRegistry registry, RealtimeHub hub, bool eventsFromCluster)
{
    /// <summary>Order, fill and position events for clients that subscribed to those channels.</summary>
    public void Publish(TradingState core, ReadModel model, in TradingRecord record)
    {
        if (eventsFromCluster)
        {
            return; // every shard's events, this engine's among them, come from the cluster's read side
        }

        if (record.OrderId != 0 && core.Orders.Find(record.OrderId) is { } order && record.Type is not (RecordType.Command or RecordType.Mark or RecordType.OrderRested))
        {
            hub.PublishEvent("orders", "order_update", JsonSerializer.Serialize(Views.Order(order, registry[order.InstrumentId]), Frames.Json));
        }

        if (record.Type == RecordType.StatusChanged)
        {
            hub.PublishEvent("status", "trading_status", JsonSerializer.Serialize(StatusEvent(record, null), Frames.Json));
            if (IsRiskAlert(record))
            {
                hub.PublishEvent("status", "risk_alert", JsonSerializer.Serialize(StatusEvent(record, null), Frames.Json));
            }
        }

        if (record.Type != RecordType.Fill)
        {
            return;
        }

        var instrument = registry[record.InstrumentId];
        hub.PublishEvent("fills", "fill", JsonSerializer.Serialize(FillEvent(instrument, record, record.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture)), Frames.Json));
        var position = core.Account.Position(record.InstrumentId);
        object payload = position.IsFlat
            ? FlatPosition(instrument, position.RealizedPnl, record.TimeMs)
            : Views.Position(core, instrument, position, instrument.Symbol, Views.EntryTimeMs(core, model, instrument.Id));
        hub.PublishEvent("positions", "position_update", JsonSerializer.Serialize(payload, Frames.Json));
    }

    /// <summary>The <c>trading_status</c> (and <c>risk_alert</c>) event of a status record; on a cluster bridge naming the shard whose status it is.</summary>
    internal static object StatusEvent(in TradingRecord record, string? shard)
    {
        var (state, reason, killSwitch, timestamp) = (Views.StateName((TradingStatus)record.Status), ((StatusReason)record.Reason).ToString(), record.Flag, Timestamps.Iso(record.TimeMs));
        return shard is null ? new { state, reason, killSwitch, timestamp } : new { state, reason, killSwitch, timestamp, shard };
    }

    /// <summary>
    /// What a record tells the alert rules (<c>risk_event</c>): a halt, or an order the engine rejected, worded once
    /// for the linked engine's records and the cluster's; on a cluster bridge naming the shard. Null for any other record.
    /// </summary>
    internal static (int? InstrumentId, string What)? RiskEvent(in TradingRecord record, InstrumentRegistry registry, string? shard)
    {
        var of = shard is null ? "" : $"shard {shard}: ";
        return record.Type == RecordType.StatusChanged && (TradingStatus)record.Status == TradingStatus.Halted ? (null, $"{of}trading halted: {(StatusReason)record.Reason}")
            : record.Type == RecordType.OrderRejected && (uint)record.InstrumentId < (uint)registry.Count
                ? (record.InstrumentId, $"{of}order {record.OrderId} on {registry[record.InstrumentId].Symbol} rejected: {(RejectReason)record.Reason}")
            : null;
    }

    /// <summary>Whether a status record is also a <c>risk_alert</c>: a halt by the risk rules, an emergency stop, a fault or a failed reconciliation.</summary>
    internal static bool IsRiskAlert(in TradingRecord record) =>
        (StatusReason)record.Reason is StatusReason.DailyLossLimit or StatusReason.DrawdownLimit or StatusReason.EmergencyStop or StatusReason.Fault or StatusReason.Reconciliation;

    /// <summary>The <c>fill</c> event of a fill record, its order named <paramref name="orderId"/>.</summary>
    internal static object FillEvent(Instrument instrument, in TradingRecord record, string orderId) => new
    {
        orderId,
        symbol = instrument.Symbol,
        side = Views.SideName(record.Side),
        quantity = record.QuantityLots * instrument.LotSize,
        price = record.PriceTicks * instrument.TickSize,
        fee = record.Amount,
        maker = record.Flag,
        timestamp = Timestamps.Iso(record.TimeMs),
    };

    /// <summary>The <c>position_update</c> of a position a fill left flat.</summary>
    internal static object FlatPosition(Instrument instrument, decimal realizedPnl, long timeMs) =>
        new { id = instrument.Symbol, symbol = instrument.Symbol, side = "FLAT", quantity = 0m, realizedPnL = decimal.Round(realizedPnl, 2), timestamp = Timestamps.Iso(timeMs) };
}
