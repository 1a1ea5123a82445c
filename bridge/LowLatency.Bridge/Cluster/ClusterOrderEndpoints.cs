using System.Globalization;
using LowLatency.Bridge.Api;
using LowLatency.Bridge.Api.Contracts;
using LowLatency.Engine.Commands;
using LowLatency.Engine.MarketData;
using LowLatency.EventStream;
using LowLatency.ReadSide;

namespace LowLatency.Bridge.Cluster;

/// <summary>
/// The frontend's order routes (contract 2.29–2.32) across every shard, on a bridge with
/// <c>Bridge:Cluster:ServeFrontend</c>: the orders from the shared read side, rendered as the engine's own
/// (<see cref="ClusterViews.ContractOrder"/>), ids <c>SHARD:ID</c>; a new order to the shard that owns its symbol,
/// a cancel to the shard its id names, over NATS. Any bridge so configured gives the same answers.
/// </summary>
public static class ClusterOrderEndpoints
{
    /// <summary>How long a new order's answer waits for the read side to show it (it is acknowledged already).</summary>
    private static readonly TimeSpan ProjectionWait = TimeSpan.FromSeconds(2);

    public static void MapClusterOrders(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders");
        orders.MapPost("", Submit);
        orders.MapGet("", List);
        orders.MapGet("/{id}", Get);
        orders.MapDelete("/{id}", Cancel);
    }

    /// <summary>
    /// Reads and checks an order body as the linked bridge does (<see cref="OrderEndpoints.ParseOrder"/>) and sends it to
    /// its shard; the problem to answer with otherwise (a refusal among them). Shared with <c>POST /api/cluster/orders</c>.
    /// </summary>
    internal static async Task<(IResult? Problem, string Shard, CommandResult Result)> SendOrderAsync(HttpRequest request, ClusterReadSide side, InstrumentRegistry registry, CancellationToken ct)
    {
        if (side.Commands is not { } commands)
        {
            return (ClusterEndpoints.Off(), "", default);
        }

        var (body, problem) = await RequestBody.ReadAsync(request, OrderEndpoints.OrderFields).ConfigureAwait(false);
        if (problem is not null)
        {
            return (problem, "", default);
        }

        var symbol = body!.String("symbol", out var error);
        if (error is not null || symbol is null)
        {
            return (Problems.BadRequest(error ?? "missing required field: symbol"), "", default);
        }

        if (!registry.TryResolve(symbol, out var instrument))
        {
            return (EngineAccess.UnknownSymbol(symbol), "", default);
        }

        var (command, invalid) = OrderEndpoints.ParseOrder(body, instrument);
        if (invalid is not null)
        {
            return (Problems.BadRequest(invalid), "", default);
        }

        var shard = commands.ShardOf(command);
        var (result, refused, _) = await ClusterEndpoints.SendAsync(side, shard, command, request.HttpContext, ct).ConfigureAwait(false);
        return (refused, shard, result);
    }

    private static async Task<IResult> Submit(HttpRequest request, ClusterReadSide side, InstrumentRegistry registry, CancellationToken ct)
    {
        var (problem, shard, result) = await SendOrderAsync(request, side, registry, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        // Acknowledged means journalled on its shard; the read side shows it once a projector has the record.
        return await ClusterEndpoints.Read(side, async database =>
        {
            var deadline = DateTime.UtcNow + ProjectionWait;
            OrderDto? order;
            while ((order = await FindAsync(database, registry, shard, result.OrderId, ct).ConfigureAwait(false)) is null && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, ct).ConfigureAwait(false); // the projection is written by another bridge's or this one's projector: nothing to wait on here
            }

            return Results.Json(new { success = true, order, orderId = ClusterViews.Id(shard, result.OrderId) });
        }).ConfigureAwait(false);
    }

    private static Task<IResult> List(ClusterReadSide side, InstrumentRegistry registry, int? limit, CancellationToken ct) => ClusterEndpoints.Read(side, async database =>
    {
        var rows = await ReadSideQueries.OrdersAsync(database, Math.Clamp(limit ?? 1000, 1, 10_000), ct).ConfigureAwait(false);
        var orders = rows.Where(o => ClusterEndpoints.Known(registry, o.InstrumentId)).Select(o => ClusterViews.ContractOrder(o, registry)).OfType<OrderDto>();
        return Results.Json(orders.OrderBy(o => o.Timestamp, StringComparer.Ordinal).ThenBy(o => o.OrderId, StringComparer.Ordinal).ToList()); // oldest first, as the linked bridge answers
    });

    private static Task<IResult> Get(string id, ClusterReadSide side, InstrumentRegistry registry, CancellationToken ct) => ClusterEndpoints.Read(side, async database =>
        ClusterViews.TryParseId(id, out var shard, out var orderId) && await FindAsync(database, registry, shard, orderId, ct).ConfigureAwait(false) is { } order
            ? Results.Json(order)
            : Problems.NotFound($"order '{id}' not found (ids here are SHARD:ID)"));

    private static async Task<IResult> Cancel(string id, HttpContext context, ClusterReadSide side, InstrumentRegistry registry, CancellationToken ct)
    {
        if (!side.Enabled)
        {
            return ClusterEndpoints.Off();
        }

        if (!ClusterViews.TryParseId(id, out var shard, out var orderId) || !side.Shards.Contains(shard))
        {
            return Problems.NotFound($"order '{id}' not found (ids here are SHARD:ID)");
        }

        var (_, problem, _) = await ClusterEndpoints.SendAsync(side, shard, new Command { Type = CommandType.CancelOrder, OrderId = orderId }, context, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return await ClusterEndpoints.Read(side, async database => Results.Json(new
        {
            success = true,
            message = string.Create(CultureInfo.InvariantCulture, $"Order {id} cancelled"),
            cancelled_order = await FindAsync(database, registry, shard, orderId, ct).ConfigureAwait(false),
        })).ConfigureAwait(false);
    }

    private static async Task<OrderDto?> FindAsync(Npgsql.NpgsqlDataSource database, InstrumentRegistry registry, string shard, long orderId, CancellationToken ct) =>
        await ReadSideQueries.OrderAsync(database, shard, orderId, ct).ConfigureAwait(false) is { } row && ClusterEndpoints.Known(registry, row.InstrumentId)
            ? ClusterViews.ContractOrder(row, registry)
            : null;
}
