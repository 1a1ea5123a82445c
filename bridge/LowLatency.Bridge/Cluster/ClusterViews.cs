using System.Globalization;
using System.Text.Json;
using LowLatency.Bridge.Api;
using LowLatency.Bridge.Api.Contracts;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
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

    /// <summary>
    /// Every shard's open positions as the frontend's contract gives a position (<see cref="Views.Positions(TradingState, Func{int, long}, ValueTuple{int, string}?)"/>,
    /// the linked bridge's one view): each shard's projected positions and working orders restored into a state of
    /// their own and marked at <paramref name="marks"/>, the latest of every shard (so a position quoted in another
    /// currency converts at a rate another shard quotes). By instrument, then shard; rows without a snapshot, or
    /// one this bridge cannot read, are left out.
    /// </summary>
    public static List<PositionDto> ContractPositions(IEnumerable<ReadSideQueries.PositionRow> positions, IEnumerable<ReadSideQueries.OrderRow> working,
        IReadOnlyList<MarkSnapshot> marks, InstrumentRegistry registry, AccountOptions account, (int Id, string Symbol)? symbolFor)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(working);
        var orders = working.Where(o => o.Snapshot is not null).ToLookup(o => o.Shard, StringComparer.Ordinal);
        var list = new List<(int Instrument, string Shard, PositionDto Position)>();
        foreach (var shard in positions.Where(p => p.QuantityLots != 0 && p.Snapshot is not null).GroupBy(p => p.Shard, StringComparer.Ordinal))
        {
            try
            {
                var opened = shard.ToDictionary(p => p.InstrumentId, p => p.OpenedMs);
                var core = new TradingState(registry, account);
                core.Restore(new StateSnapshot
                {
                    Positions = [.. shard.Select(p => Snapshot<PositionSnapshot>(p.Snapshot!))],
                    WorkingOrders = [.. orders[shard.Key].Select(o => Snapshot<OrderSnapshot>(o.Snapshot!))],
                    Marks = [.. marks.Where(m => registry.TryResolve(m.Symbol, out _))],
                });
                list.AddRange(Views.Positions(core, id => opened.GetValueOrDefault(id) is > 0 and var ms ? ms : core.Account.MarkTimeMs(id), symbolFor)
                    .Select(p => (registry.TryResolve(p.Id, out var i) ? i.Id : -1, shard.Key, p)));
            }
            catch (Exception e) when (e is JsonException or InvalidDataException)
            {
                // a shard's rows this bridge cannot read (another instruments file): its positions are left out, as rows of unknown instruments are
            }
        }

        return [.. list.OrderBy(p => p.Instrument).ThenBy(p => p.Shard, StringComparer.Ordinal).Select(p => p.Position)];
    }

    /// <summary>A shard's closed trade as the linked bridge keeps one (<see cref="Storage.ClosedPositionRow"/>), its id <c>SHARD:SYMBOL-SEQUENCE</c>.</summary>
    public static Storage.ClosedPositionRow ClosedPosition(ReadSideQueries.RoundTripRow t, InstrumentRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(registry);
        var symbol = registry.All[t.InstrumentId].Symbol;
        return new Storage.ClosedPositionRow(string.Create(CultureInfo.InvariantCulture, $"{t.Shard}:{symbol}-{t.Sequence}"), symbol, t.Long ? "BUY" : "SELL", t.Quantity, t.EntryPrice, t.ExitPrice,
            decimal.Round(t.Pnl, 8), t.EntryMs, t.ExitMs);
    }

    internal static T Snapshot<T>(string json)
        where T : class => JsonSerializer.Deserialize<T>(json, TradingState.SnapshotJson) ?? throw new InvalidDataException("an empty snapshot");

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
