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

    /// <summary>
    /// The account's trading status across every shard of the map, in the contract's shape: each shard's state as the
    /// read side has it (<paramref name="shards"/>, restored into a state of its own as the linked bridge reads its
    /// engine's); <c>running</c> only when every shard runs, <c>state</c>, reason and kill switch those of the least
    /// active shard (halted, unknown, stopped, paused, running; a shard the read side has nothing of yet is unknown),
    /// the kill switch set when any shard's is; balances, the day's trades, wins, losses and P&amp;L summed, its
    /// drawdown the sum of the shards' (a bound on the account's: the shards' worst moments need not coincide);
    /// <c>engine_sequence</c> every shard's records together. Where prices come from is the linked bridge's
    /// knowledge (<paramref name="model"/>), the same configuration as every shard's.
    /// </summary>
    public static TradingStatusDto ContractStatus(IReadOnlyCollection<string> map, IReadOnlyList<ReadSideQueries.ShardRow> shards, List<PositionDto> positions, int workingOrders,
        InstrumentRegistry registry, AccountOptions account, Bridge.Engine.ReadModel model)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentNullException.ThrowIfNull(model);
        var parts = map.Order(StringComparer.Ordinal).Select(name => ShardStatus(name, shards.FirstOrDefault(r => r.Shard == name), registry, account)).ToList();
        var least = parts.OrderBy(p => Activity(p.Status.State)).First().Status;
        var known = parts.Where(p => p.Core is not null).Select(p => p.Core!.Account.Today).ToList();
        var day = new DailyStatsDto(known.Sum(d => d.Trades), known.Sum(d => d.Wins), known.Sum(d => d.Losses), decimal.Round(known.Sum(d => d.RealizedPnl), 2), decimal.Round(known.Sum(d => d.MaxDrawdown), 2));
        return new TradingStatusDto(
            parts.All(p => p.Status.State == "running"), least.State == "paused", [.. registry.All.Select(i => i.Symbol)], workingOrders, day,
            parts.Sum(p => p.Status.PaperBalance), positions, Timestamps.Now(), least.State, parts.Any(p => p.Status.KillSwitch), least.StateReason,
            parts.Sum(p => p.Status.EngineSequence), model.Sources.Simulated,
            registry.All.Where(i => model.Sources.Of(i.Id) is not null).ToDictionary(i => i.Symbol, i => model.Sources.Of(i.Id)!), model.Stats?.StaleSymbols ?? [],
            [.. parts.Select(p => p.Status)]);
    }

    private static (ShardStatusDto Status, TradingState? Core) ShardStatus(string shard, ReadSideQueries.ShardRow? row, InstrumentRegistry registry, AccountOptions account)
    {
        var unknown = new ShardStatusDto(shard, "unknown", false, "", row?.LastSequence ?? 0, 0, new DailyStatsDto(0, 0, 0, 0, 0));
        if (row?.Status is not { } json)
        {
            return (unknown, null);
        }

        try
        {
            var core = new TradingState(registry, account);
            core.Restore(Snapshot<StateSnapshot>(json));
            return (new ShardStatusDto(shard, Views.StateName(core.Status), core.KillSwitch, core.StatusReason.ToString(), row.LastSequence, decimal.Round(core.Account.Balance, 2),
                Views.DailyStats(core.Account.Today)), core);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            return (unknown, null); // a status this bridge cannot read: said as unknown rather than guessed
        }
    }

    private static int Activity(string state) => state switch
    {
        "halted" => 0,
        "unknown" => 1,
        "stopped" => 2,
        "paused" => 3,
        _ => 4,
    };

    private static T Snapshot<T>(string json)
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
