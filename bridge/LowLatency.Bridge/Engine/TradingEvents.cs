using System.Text.Json;
using LowLatency.Bridge.Api;
using LowLatency.Bridge.Realtime;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;

namespace LowLatency.Bridge.Engine;

/// <summary>What each engine record means to live clients: order, fill, position and status events on their channels. Called under <see cref="ReadModel"/>'s lock.</summary>
/// <param name="ordersFromCluster">Whether <c>order_update</c> comes from the cluster's read side instead (<see cref="Cluster.ClusterFeed"/>), every shard's, with the ids the order routes give.</param>
internal sealed class TradingEvents(InstrumentRegistry registry, RealtimeHub hub, bool ordersFromCluster)
{
    /// <summary>Order, fill and position events for clients that subscribed to those channels.</summary>
    public void Publish(TradingState core, ReadModel model, in TradingRecord record)
    {
        if (!ordersFromCluster && record.OrderId != 0 && core.Orders.Find(record.OrderId) is { } order && record.Type is not (RecordType.Command or RecordType.Mark or RecordType.OrderRested))
        {
            hub.PublishEvent("orders", "order_update", JsonSerializer.Serialize(Views.Order(order, registry[order.InstrumentId]), Frames.Json));
        }

        if (record.Type == RecordType.StatusChanged)
        {
            var reason = (StatusReason)record.Reason;
            var status = JsonSerializer.Serialize(new
            {
                state = ((TradingStatus)record.Status).ToString().ToLowerInvariant(),
                reason = reason.ToString(),
                killSwitch = record.Flag,
                timestamp = Timestamps.Iso(record.TimeMs),
            }, Frames.Json);
            hub.PublishEvent("status", "trading_status", status);
            if (reason is StatusReason.DailyLossLimit or StatusReason.DrawdownLimit or StatusReason.EmergencyStop or StatusReason.Fault or StatusReason.Reconciliation)
            {
                hub.PublishEvent("status", "risk_alert", status);
            }
        }

        if (record.Type != RecordType.Fill)
        {
            return;
        }

        var instrument = registry[record.InstrumentId];
        hub.PublishEvent("fills", "fill", JsonSerializer.Serialize(new
        {
            orderId = record.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            symbol = instrument.Symbol,
            side = Views.SideName(record.Side),
            quantity = record.QuantityLots * instrument.LotSize,
            price = record.PriceTicks * instrument.TickSize,
            fee = record.Amount,
            maker = record.Flag,
            timestamp = Timestamps.Iso(record.TimeMs),
        }, Frames.Json));
        var position = core.Account.Position(record.InstrumentId);
        object payload = position.IsFlat
            ? new { id = instrument.Symbol, symbol = instrument.Symbol, side = "FLAT", quantity = 0m, realizedPnL = decimal.Round(position.RealizedPnl, 2), timestamp = Timestamps.Iso(record.TimeMs) }
            : Views.Position(core, instrument, position, instrument.Symbol, Views.EntryTimeMs(core, model, instrument.Id));
        hub.PublishEvent("positions", "position_update", JsonSerializer.Serialize(payload, Frames.Json));
    }
}
