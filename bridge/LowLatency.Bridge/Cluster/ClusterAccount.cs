using System.Text.Json;
using LowLatency.Bridge.Api;
using LowLatency.Bridge.Api.Contracts;
using LowLatency.Bridge.Engine;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.ReadSide;
using Npgsql;

namespace LowLatency.Bridge.Cluster;

/// <summary>
/// The account across every shard of the map, as one state the linked bridge's views read as they read their
/// engine's: each shard's trading state, balance and day as the read side keeps them with its projection
/// (<c>ll_projection.status</c>), restored into a state of its own; together, the state, reason and kill switch
/// of the least active shard (halted, unknown, stopped, paused, running; a shard the read side has nothing of yet
/// is unknown, and stops the account's <c>running</c>), the kill switch set when any shard's is, balances and the
/// day's trades, P&amp;L and fees summed (the day's high, drawdown and the peak balance summed too: a bound on the
/// account's, as the shards' best and worst moments need not coincide), every shard's positions marked at every
/// shard's marks. Working orders stay with their shards (their ids are the shards' own).
/// </summary>
public sealed class ClusterAccount
{
    private readonly List<(ShardStatusDto Status, TradingState? Core)> _shards;

    private ClusterAccount(List<(ShardStatusDto, TradingState?)> shards, TradingState state) => (_shards, State) = (shards, state);

    /// <summary>The account as one state.</summary>
    public TradingState State { get; }

    /// <summary>Each shard's part, by shard name.</summary>
    public IReadOnlyList<ShardStatusDto> Shards => [.. _shards.Select(s => s.Status)];

    /// <summary>The state word of the least active shard (<c>unknown</c> among them).</summary>
    public string StateWord => Least?.State ?? "unknown";

    private ShardStatusDto? Least => _shards.Count == 0 ? null : _shards.MinBy(s => Activity(s.Status.State)).Status;

    public static ClusterAccount Of(IReadOnlyCollection<string> map, IReadOnlyList<ReadSideQueries.ShardRow> shards, IEnumerable<ReadSideQueries.PositionRow> positions,
        IReadOnlyList<MarkSnapshot> marks, InstrumentRegistry registry, AccountOptions account)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentNullException.ThrowIfNull(positions);
        var parts = map.Order(StringComparer.Ordinal).Select(name => ShardStatus(name, shards.FirstOrDefault(r => r.Shard == name), registry, account)).ToList();
        var heads = parts.Where(p => p.Core is not null).Select(p => p.Core!.CaptureStatus()).ToList();
        var least = parts.MinBy(p => Activity(p.Status.State)).Core?.CaptureStatus();
        var state = new TradingState(registry, account);
        state.Restore(new StateSnapshot
        {
            LastSequence = parts.Sum(p => p.Status.EngineSequence),
            TradingState = least?.TradingState ?? "stopped",
            StatusReason = least?.StatusReason ?? "command",
            KillSwitch = heads.Any(h => h.KillSwitch),
            Balance = heads.Sum(h => h.Balance), PeakBalance = heads.Sum(h => h.PeakBalance),
            CommandsReceived = heads.Sum(h => h.CommandsReceived), OrdersRejected = heads.Sum(h => h.OrdersRejected), Fills = heads.Sum(h => h.Fills),
            Today = new DailySnapshot
            {
                DayStartMs = heads.Count == 0 ? 0 : heads.Max(h => h.Today.DayStartMs), StartBalance = heads.Sum(h => h.Today.StartBalance),
                Trades = heads.Sum(h => h.Today.Trades), Wins = heads.Sum(h => h.Today.Wins), Losses = heads.Sum(h => h.Today.Losses), Fills = heads.Sum(h => h.Today.Fills),
                RealizedPnl = heads.Sum(h => h.Today.RealizedPnl), Fees = heads.Sum(h => h.Today.Fees), HighBalance = heads.Sum(h => h.Today.HighBalance),
                MaxDrawdown = heads.Sum(h => h.Today.MaxDrawdown),
            },
            // One shard owns each instrument; a row left by an earlier map beside the owner's gives way to an open one.
            Positions = [.. positions.Where(p => p.Snapshot is not null && ClusterEndpoints.Known(registry, p.InstrumentId)).GroupBy(p => p.InstrumentId)
                .Select(g => g.OrderByDescending(p => p.QuantityLots != 0).ThenBy(p => p.Shard, StringComparer.Ordinal).First())
                .Select(p => ClusterViews.Snapshot<PositionSnapshot>(p.Snapshot!))],
            Marks = [.. marks.Where(m => registry.TryResolve(m.Symbol, out _))],
        });
        return new ClusterAccount(parts, state);
    }

    /// <summary>The account as the read side has it now, and the position rows it was made of.</summary>
    public static async Task<(ClusterAccount Account, List<ReadSideQueries.PositionRow> Positions)> ReadAsync(NpgsqlDataSource database, ClusterReadSide side, InstrumentRegistry registry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(side);
        var shards = await ReadSideQueries.ShardsAsync(database, ct).ConfigureAwait(false);
        var positions = await ReadSideQueries.PositionsAsync(database, ct).ConfigureAwait(false);
        return (Of(side.Shards, shards, positions, side.Marks?.Latest() ?? [], registry, side.Account), positions);
    }

    /// <summary>
    /// The contract's <c>TradingStatus</c> of the account, with its open <paramref name="positions"/> and
    /// <paramref name="workingOrders"/> and each shard's part; <c>engine_sequence</c> every shard's records together.
    /// Where prices come from is the linked bridge's knowledge (<paramref name="model"/>), on the configuration every
    /// shard shares.
    /// </summary>
    public TradingStatusDto Status(ReadModel model, IReadOnlyList<PositionDto> positions, int workingOrders) =>
        Views.Status(State, model, positions, workingOrders) with { State = StateWord, StateReason = Least?.StateReason ?? "", Shards = Shards };

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
            core.Restore(ClusterViews.Snapshot<StateSnapshot>(json));
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
}
