using System.Globalization;
using System.Text.Json;
using LowLatency.Bridge.Api;
using LowLatency.Bridge.Api.Contracts;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.State;
using LowLatency.ReadSide;

namespace LowLatency.Bridge.Cluster;

/// <summary>How the read side's rows look to a client, in <c>/api/cluster/*</c> and on the <c>cluster</c> channel alike.</summary>
public static class ClusterViews
{
    /// <summary>An order's id across the cluster: its shard and the shard's order id.</summary>
    public static string Id(string shard, long orderId) => string.Create(CultureInfo.InvariantCulture, $"{shard}:{orderId}");

    /// <summary>Reads an id of <see cref="Id"/>'s form.</summary>
    public static bool TryParseId(string id, out string shard, out long orderId)
    {
        ArgumentNullException.ThrowIfNull(id);
        var colon = id.LastIndexOf(':');
        shard = colon > 0 ? id[..colon] : "";
        orderId = 0;
        return colon > 0 && long.TryParse(id.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out orderId) && orderId > 0;
    }

    /// <summary>
    /// A row's order as the frontend's contract gives an order (<see cref="Views.Order"/>, the linked bridge's one
    /// view, of the engine's own snapshot of it), its id <see cref="Id"/>; null for a row from before the read side
    /// kept snapshots.
    /// </summary>
    public static OrderDto? ContractOrder(ReadSideQueries.OrderRow o, InstrumentRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(registry);
        try
        {
            return o.Snapshot is { } json && JsonSerializer.Deserialize<OrderSnapshot>(json, TradingState.SnapshotJson) is { } snapshot
                ? Views.Order(TradingState.Detached(snapshot, registry), registry.All[o.InstrumentId]) with { OrderId = Id(o.Shard, o.OrderId) }
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            return null; // a snapshot this bridge cannot read (another instruments file): left out, as rows of unknown instruments are
        }
    }

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
