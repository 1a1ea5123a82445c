using System.Globalization;
using LowLatency.Bridge.Api;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.EventStream;
using LowLatency.ReadSide;
using Npgsql;

namespace LowLatency.Bridge.Cluster;

/// <summary>
/// <c>/api/cluster/*</c>: every shard's positions, orders and fills from the shared PostgreSQL read side (the same
/// answer from any bridge), what this bridge has projected, and orders sent to the shard that owns the symbol
/// over NATS request/reply. Off unless <c>Bridge:Cluster</c> is set (503 saying so).
/// </summary>
public static class ClusterEndpoints
{
    public static void MapCluster(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var cluster = app.MapGroup("/api/cluster");
        cluster.MapGet("/shards", Shards);
        cluster.MapGet("/positions", Positions);
        cluster.MapGet("/orders", Orders);
        cluster.MapGet("/fills", Fills);
        cluster.MapPost("/orders", Submit);
        cluster.MapGet("/risk-budgets", RiskBudgets);
    }

    /// <summary>Each shard's risk budget and its use, as this bridge's coordinator last read them (404 on a bridge that does not run it).</summary>
    private static IResult RiskBudgets(ClusterReadSide side) => !side.Enabled ? Off()
        : side.Coordinator is not { } coordinator ? Problems.Of(StatusCodes.Status404NotFound, "No coordinator here", "this bridge does not run the risk-budget coordinator (Bridge:Cluster:Coordinator)")
        : Results.Json(new
        {
            leading = coordinator.Leading, epoch = coordinator.Epoch, poolOpenPositions = coordinator.Pool.Positions, poolGrossExposure = coordinator.Pool.Gross,
            poolDailyLoss = coordinator.LossPool.DailyLoss, poolDrawdown = coordinator.LossPool.Drawdown, moves = coordinator.Moves,
            shards = coordinator.Reports.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new
            {
                shard = r.Key, version = r.Value.Budget.Version, maxOpenPositions = r.Value.Budget.MaxOpenPositions, openPositions = r.Value.OpenPositions,
                maxGrossExposure = r.Value.Budget.MaxGrossExposure, grossExposure = Math.Round(r.Value.GrossExposure, 2),
                maxDailyLoss = r.Value.MaxDailyLoss, dailyLoss = Math.Round(r.Value.DailyLoss, 2), maxDrawdown = r.Value.MaxDrawdown, drawdown = Math.Round(r.Value.Drawdown, 2),
            }),
        });

    internal static IResult Off() =>
        Problems.Of(StatusCodes.Status503ServiceUnavailable, "Cluster mode is off", "set Bridge:Cluster:Nats, Bridge:Cluster:Database and Bridge:Cluster:Shards (README, 'The event stream')");

    private static Task<IResult> Shards(ClusterReadSide side, CancellationToken ct) => Read(side, async database =>
    {
        var stored = await ReadSideQueries.ShardsAsync(database, ct).ConfigureAwait(false);
        return Results.Json(new
        {
            shards = stored.Select(s => new { shard = s.Shard, projectedThrough = s.LastSequence }),
            thisBridge = side.Projectors.Select(p => new { shard = p.Shard, mirroredThrough = p.Sequence, written = p.Written, lastError = p.LastError }),
        });
    });

    private static Task<IResult> Positions(ClusterReadSide side, InstrumentRegistry registry, CancellationToken ct) => Read(side, async database =>
        Results.Json((await ReadSideQueries.PositionsAsync(database, ct).ConfigureAwait(false)).Where(p => Known(registry, p.InstrumentId)).Select(p =>
        {
            var instrument = registry.All[p.InstrumentId];
            return new
            {
                shard = p.Shard, symbol = instrument.Symbol, side = p.QuantityLots > 0 ? "LONG" : p.QuantityLots < 0 ? "SHORT" : "FLAT",
                quantity = Math.Abs(p.QuantityLots) * instrument.LotSize, averagePrice = decimal.Round(p.AveragePriceTicks * instrument.TickSize, 8),
                realizedPnl = p.RealizedPnl, fees = p.Fees, fills = p.Fills,
            };
        })));

    private static Task<IResult> Orders(ClusterReadSide side, InstrumentRegistry registry, int? limit, CancellationToken ct) => Read(side, async database =>
        Results.Json((await ReadSideQueries.OrdersAsync(database, Math.Clamp(limit ?? 100, 1, 1000), ct).ConfigureAwait(false))
            .Where(o => Known(registry, o.InstrumentId)).Select(o => ClusterViews.Order(o, registry.All[o.InstrumentId]))));

    private static Task<IResult> Fills(ClusterReadSide side, InstrumentRegistry registry, int? limit, CancellationToken ct) => Read(side, async database =>
        Results.Json((await ReadSideQueries.FillsAsync(database, Math.Clamp(limit ?? 100, 1, 1000), ct).ConfigureAwait(false))
            .Where(f => Known(registry, f.InstrumentId)).Select(f => ClusterViews.Fill(f, registry.All[f.InstrumentId]))));

    private static async Task<IResult> Submit(HttpRequest request, ClusterReadSide side, InstrumentRegistry registry, CancellationToken ct)
    {
        var (problem, shard, result) = await ClusterOrderEndpoints.SendOrderAsync(request, side, registry, ct).ConfigureAwait(false);
        return problem ?? Results.Json(new { success = true, shard, id = ClusterViews.Id(shard, result.OrderId), orderId = result.OrderId });
    }

    /// <summary>
    /// Sends a command to a shard: its result, or the problem to answer with: 503 when cluster mode is off or the
    /// shard did not answer (<c>Unavailable</c> says why; the command may yet be applied), a refusal as the linked
    /// bridge answers one (<see cref="EngineAccess.Refused"/>).
    /// </summary>
    internal static async Task<(CommandResult Result, IResult? Problem, string? Unavailable)> SendAsync(ClusterReadSide side, string shard, Command command, HttpContext context, CancellationToken ct)
    {
        if (side.Commands is not { } commands)
        {
            return (default, Off(), "cluster mode is off");
        }

        (CommandResult, IResult?, string?) answer;
        try
        {
            var result = await commands.SendAsync(shard, command, side.CommandTimeout, ct).ConfigureAwait(false);
            answer = (result, result.Accepted ? null : EngineAccess.Refused(command, result.Reason), null);
        }
        catch (ShardCommandException e)
        {
            answer = (default, Problems.EngineUnavailable(e.Message), e.Message);
        }

        // Every attempt lands in the trail, as the linked bridge's do in its own.
        var (sent, problem, unavailable) = answer;
        var word = unavailable ?? (problem is null ? $"accepted{(sent.OrderId != 0 ? $" order {ClusterViews.Id(shard, sent.OrderId)}" : "")}" : sent.Reason.ToString());
        side.Audit(context, command, shard, word, (problem as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK);
        return answer;
    }

    /// <summary>Rows of an instrument this bridge's registry lacks (a shard on another instruments file) are left out rather than failing the read.</summary>
    internal static bool Known(InstrumentRegistry registry, int instrumentId) => (uint)instrumentId < (uint)registry.Count;

    internal static async Task<IResult> Read(ClusterReadSide side, Func<NpgsqlDataSource, Task<IResult>> read)
    {
        if (side.Database is not { } database)
        {
            return Off();
        }

        try
        {
            return await read(database).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, "Read side unavailable", $"PostgreSQL: {e.Message}");
        }
    }
}
