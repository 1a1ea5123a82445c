using LowLatency.Bridge.Api;
using LowLatency.Bridge.Storage;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.State;

namespace LowLatency.Bridge.Engine;

/// <summary>The history store's order and fill rows, kept from the engine's records and refreshed from each snapshot. Called under <see cref="ReadModel"/>'s lock.</summary>
internal sealed class HistoryRows(InstrumentRegistry registry, HistoryProjection history)
{
    /// <summary>Orders that changed while the bridge was away: their final status replaces what the store had.</summary>
    public void OnSnapshot(TradingState core)
    {
        foreach (var order in core.Orders.Working.Concat(core.Orders.History))
        {
            history.OnOrder(Views.Order(order, registry[order.InstrumentId]), order.InstrumentId, order.CreatedMs, order.UpdatedMs);
        }
    }

    /// <summary>Orders (latest state) and fills into the history store.</summary>
    public void OnRecord(TradingState core, in TradingRecord record)
    {
        if (record.OrderId != 0 && record.Type is not (RecordType.Command or RecordType.Mark or RecordType.OrderRested) && core.Orders.Find(record.OrderId) is { } order)
        {
            history.OnOrder(Views.Order(order, registry[order.InstrumentId]), order.InstrumentId, order.CreatedMs, order.UpdatedMs);
        }

        if (record.Type == RecordType.Fill)
        {
            var instrument = registry[record.InstrumentId];
            history.OnFill(record.Sequence, record.OrderId, record.InstrumentId, Views.SideName(record.Side), record.QuantityLots * instrument.LotSize, record.PriceTicks * instrument.TickSize, record.Amount, record.TimeMs);
        }
    }
}
