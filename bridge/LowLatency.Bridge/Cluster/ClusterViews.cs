using System.Globalization;
using LowLatency.Bridge.Api;
using LowLatency.Engine.MarketData;
using LowLatency.ReadSide;

namespace LowLatency.Bridge.Cluster;

/// <summary>How the read side's rows look to a client, in <c>/api/cluster/*</c> and on the <c>cluster</c> channel alike.</summary>
public static class ClusterViews
{
    /// <summary>An order's id across the cluster: its shard and the shard's order id.</summary>
    public static string Id(string shard, long orderId) => string.Create(CultureInfo.InvariantCulture, $"{shard}:{orderId}");

    public static object Order(ReadSideQueries.OrderRow o, Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(instrument);
        return new
        {
            id = Id(o.Shard, o.OrderId), shard = o.Shard, orderId = o.OrderId, symbol = instrument.Symbol, side = Views.SideName(o.Side), type = Views.TypeName(o.Type),
            status = Views.StatusName(o.Status), quantity = o.QuantityLots * instrument.LotSize, filledQuantity = o.FilledLots * instrument.LotSize,
            price = o.LimitTicks > 0 ? o.LimitTicks * instrument.TickSize : (decimal?)null, stopPrice = o.StopTicks > 0 ? o.StopTicks * instrument.TickSize : (decimal?)null,
            updatedAt = Timestamps.Iso(o.UpdatedMs),
        };
    }

    public static object Fill(ReadSideQueries.FillRow f, Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(instrument);
        return new
        {
            shard = f.Shard, sequence = f.Sequence, orderId = Id(f.Shard, f.OrderId), symbol = instrument.Symbol, side = Views.SideName(f.Side),
            quantity = f.QuantityLots * instrument.LotSize, price = f.PriceTicks * instrument.TickSize, fee = f.Fee, time = Timestamps.Iso(f.TimeMs),
        };
    }
}
