using System.Globalization;
using LowLatency.Bridge.Api;
using LowLatency.Bridge.Api.Contracts;
using LowLatency.Engine.Commands;
using LowLatency.Engine.MarketData;
using LowLatency.EventStream;
using LowLatency.ReadSide;

namespace LowLatency.Bridge.Cluster;

/// <summary>
/// The frontend's position routes (contract 2.13–2.15) across every shard, on a bridge with
/// <c>Bridge:Cluster:ServeFrontend</c>: the positions from the shared read side, marked at the shards' latest marks
/// (<see cref="ClusterMarks"/>) and rendered as the engine's own (<see cref="ClusterViews.ContractPositions"/>); a
/// close to the shard that owns the instrument, over NATS. A position's id is its symbol, as on the linked bridge:
/// one shard owns each instrument.
/// </summary>
public static class ClusterPositionEndpoints
{
    public static void MapClusterPositions(this IEndpointRouteBuilder app)
    {
        var positions = app.MapGroup("/api/positions");
        positions.MapGet("", (ClusterReadSide side, InstrumentRegistry registry, CancellationToken ct) =>
            ClusterEndpoints.Read(side, async database => Results.Json(await OpenAsync(database, side, registry, null, ct).ConfigureAwait(false))));
        // Catch-all: the frontend puts "BTC/USDT" into the path unencoded.
        positions.MapGet("/{**symbol}", (string symbol, ClusterReadSide side, InstrumentRegistry registry, CancellationToken ct) =>
            !registry.TryResolve(symbol, out var instrument)
                ? Task.FromResult(EngineAccess.UnknownSymbol(symbol))
                : ClusterEndpoints.Read(side, async database => await OpenAsync(database, side, registry, (instrument.Id, symbol), ct).ConfigureAwait(false) is [var position]
                    ? Results.Json(position)
                    : Problems.NotFound($"no open position in {symbol}")));
        positions.MapPost("/{id}/close", Close);
        positions.MapGet("/history", (ClusterReadSide side, InstrumentRegistry registry, int? limit, CancellationToken ct) => ClusterEndpoints.Read(side, async database =>
            Results.Json((await ReadSideQueries.RoundTripsAsync(database, PositionEndpoints.HistoryLimit(limit), ct).ConfigureAwait(false))
                .Where(t => ClusterEndpoints.Known(registry, t.InstrumentId)).Select(t => PositionEndpoints.HistoryEntry(ClusterViews.ClosedPosition(t, registry))).ToList())));
    }

    private static async Task<IResult> Close(string id, HttpRequest request, ClusterReadSide side, InstrumentRegistry registry, CancellationToken ct)
    {
        if (side.Commands is not { } commands)
        {
            return ClusterEndpoints.Off();
        }

        var (body, problem) = await RequestBody.ReadAsync(request, PositionEndpoints.CloseFields).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var symbol = body!.String("symbol", out var error) ?? id; // ids are the instrument's symbol; the frontend sends it in the body too
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        if (!registry.TryResolve(symbol, out var instrument))
        {
            return EngineAccess.UnknownSymbol(symbol);
        }

        return await ClusterEndpoints.Read(side, async database =>
        {
            var before = (await OpenAsync(database, side, registry, (instrument.Id, symbol), ct).ConfigureAwait(false)).FirstOrDefault();
            var command = new Command { Type = CommandType.ClosePosition, InstrumentId = instrument.Id };
            var shard = commands.ShardOf(command);
            var (result, refused, _) = await ClusterEndpoints.SendAsync(side, shard, command, request.HttpContext, ct).ConfigureAwait(false);
            return refused ?? Results.Json(new
                {
                    success = true,
                    message = string.Create(CultureInfo.InvariantCulture, $"Position {id} closing: market order {ClusterViews.Id(shard, result.OrderId)}"),
                    orderId = ClusterViews.Id(shard, result.OrderId),
                    closed_position = before,
                });
        }).ConfigureAwait(false);
    }

    private static async Task<List<PositionDto>> OpenAsync(Npgsql.NpgsqlDataSource database, ClusterReadSide side, InstrumentRegistry registry, (int Id, string Symbol)? symbolFor, CancellationToken ct)
    {
        var positions = await ReadSideQueries.PositionsAsync(database, ct).ConfigureAwait(false);
        var working = await ReadSideQueries.WorkingOrdersOfOpenPositionsAsync(database, ct).ConfigureAwait(false);
        return Open(positions, working, side, registry, symbolFor);
    }

    /// <summary>Every shard's open positions (or one instrument's) as the contract gives them, from the read side's rows.</summary>
    internal static List<PositionDto> Open(IEnumerable<ReadSideQueries.PositionRow> positions, IEnumerable<ReadSideQueries.OrderRow> working, ClusterReadSide side, InstrumentRegistry registry, (int Id, string Symbol)? symbolFor) =>
        ClusterViews.ContractPositions(positions.Where(p => ClusterEndpoints.Known(registry, p.InstrumentId)), working.Where(o => ClusterEndpoints.Known(registry, o.InstrumentId)),
            side.Marks?.Latest() ?? [], registry, side.Account, symbolFor);
}
