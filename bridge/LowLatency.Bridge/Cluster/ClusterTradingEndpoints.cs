using LowLatency.Bridge.Api;
using LowLatency.Bridge.Api.Contracts;
using LowLatency.Bridge.Engine;
using LowLatency.Engine.Commands;
using LowLatency.Engine.MarketData;
using LowLatency.EventStream;
using LowLatency.ReadSide;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LowLatency.Bridge.Cluster;

/// <summary>
/// The frontend's trading control and status (contract 2.8–2.12), and the audit trail, across every shard, on a bridge with
/// <c>Bridge:Cluster:ServeFrontend</c>: a control goes to every shard of the map at once, over NATS, and succeeds
/// when every shard accepts it; the status is the account's, from the shared read side
/// (<see cref="ClusterAccount"/>), with each shard's part. A control that some shard refused or did
/// not answer has still been applied by those that accepted it (an emergency stop reaches every shard it can):
/// the problem says which, shard by shard.
/// </summary>
public static class ClusterTradingEndpoints
{
    /// <summary>How long a control's answer waits for the read side to have every accepting shard's command (it is applied already).</summary>
    private static readonly TimeSpan ProjectionWait = TimeSpan.FromSeconds(2);

    public static void MapClusterTrading(this IEndpointRouteBuilder app)
    {
        var trading = app.MapGroup("/api/trading");
        foreach (var (path, type, message) in TradingEndpoints.Controls)
        {
            trading.MapPost(path, (HttpRequest request, ClusterReadSide side, InstrumentRegistry registry, ReadModel model, CancellationToken ct) => Control(request, side, registry, model, type, message, ct));
        }

        // The trail of every command any bridge sent any shard, newest first, with the bridge it went through.
        app.MapGet("/api/audit", (ClusterReadSide side, int? limit, CancellationToken ct) => ClusterEndpoints.Read(side, async database =>
            Results.Json((await ReadSideQueries.AuditAsync(database, SystemEndpoints.AuditLimit(limit), ct).ConfigureAwait(false)).Select(a => new
            {
                timestamp = Timestamps.Iso(a.TimeMs), bridge = a.Bridge, who = a.Who, method = a.Method, path = a.Path, command = a.Command, result = a.Result, status = a.Status,
            }).ToList())));
        trading.MapGet("/status", (ClusterReadSide side, InstrumentRegistry registry, ReadModel model, CancellationToken ct) =>
            ClusterEndpoints.Read(side, async database => Results.Json(await StatusAsync(database, side, registry, model, ct).ConfigureAwait(false))));
    }

    private static async Task<TradingStatusDto> StatusAsync(NpgsqlDataSource database, ClusterReadSide side, InstrumentRegistry registry, ReadModel model, CancellationToken ct)
    {
        var (account, positions) = await ClusterAccount.ReadAsync(database, side, registry, ct).ConfigureAwait(false);
        var working = await ReadSideQueries.WorkingOrdersOfOpenPositionsAsync(database, ct).ConfigureAwait(false);
        var count = await ReadSideQueries.WorkingOrderCountAsync(database, registry.Count, ct).ConfigureAwait(false);
        return account.Status(model, ClusterPositionEndpoints.Open(positions, working, side, registry, null), count);
    }

    private static async Task<IResult> Control(HttpRequest request, ClusterReadSide side, InstrumentRegistry registry, ReadModel model, CommandType type, string message, CancellationToken ct)
    {
        if (!side.Enabled)
        {
            return ClusterEndpoints.Off();
        }

        var (command, symbols, text, problem) = await TradingEndpoints.ReadControlAsync(request, type, message, s => registry.TryResolve(s, out _)).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return await ClusterEndpoints.Read(side, async database =>
        {
            var before = (await ReadSideQueries.ShardsAsync(database, ct).ConfigureAwait(false)).ToDictionary(r => r.Shard, r => r.LastSequence, StringComparer.Ordinal);
            var outcomes = await Task.WhenAll(side.Shards.Order(StringComparer.Ordinal).Select(shard => SendAsync(side, shard, command, request.HttpContext, ct))).ConfigureAwait(false);
            await AwaitProjectionAsync(database, outcomes.Where(o => o.Problem is null).ToDictionary(o => o.Shard, o => before.GetValueOrDefault(o.Shard), StringComparer.Ordinal), ct).ConfigureAwait(false);
            var state = await StatusAsync(database, side, registry, model, ct).ConfigureAwait(false);
            var shards = outcomes.Select(o => new { shard = o.Shard, result = o.Result }).ToList();
            // Unanswered shards first: their commands' fate is unknown, which matters more than a refusal.
            var failed = outcomes.Where(o => o.Problem is not null).OrderBy(o => o.Unreachable ? 0 : 1).FirstOrDefault();
            if (failed.Problem is not ProblemHttpResult refusal)
            {
                return Results.Json(new { success = true, message = text, symbols, state, shards });
            }

            var detail = $"shard {failed.Shard}: {refusal.ProblemDetails.Detail}; {outcomes.Count(o => o.Problem is null)} of {outcomes.Length} shards accepted";
            refusal.ProblemDetails.Detail = detail;
            refusal.ProblemDetails.Extensions["error"] = detail;
            refusal.ProblemDetails.Extensions["shards"] = shards;
            refusal.ProblemDetails.Extensions["state"] = state;
            return refusal;
        }).ConfigureAwait(false);
    }

    /// <summary>One shard's answer: its word for the result, and the problem a refusal or silence answers with (null when accepted).</summary>
    private static async Task<(string Shard, string Result, IResult? Problem, bool Unreachable)> SendAsync(ClusterReadSide side, string shard, Command command, HttpContext context, CancellationToken ct)
    {
        var (result, problem, unavailable) = await ClusterEndpoints.SendAsync(side, shard, command, context, ct).ConfigureAwait(false);
        return (shard, unavailable is not null ? "unavailable: " + unavailable : problem is null ? "accepted" : result.Reason.ToString(), problem, unavailable is not null);
    }

    /// <summary>Waits, bounded, until the read side has a record past <paramref name="before"/> of each shard (the command's own audit record).</summary>
    private static async Task AwaitProjectionAsync(NpgsqlDataSource database, Dictionary<string, long> before, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + ProjectionWait;
        while (DateTime.UtcNow < deadline)
        {
            var now = (await ReadSideQueries.ShardsAsync(database, ct).ConfigureAwait(false)).ToDictionary(r => r.Shard, r => r.LastSequence, StringComparer.Ordinal);
            if (before.All(b => now.GetValueOrDefault(b.Key) > b.Value))
            {
                return;
            }

            await Task.Delay(20, ct).ConfigureAwait(false); // written by whichever bridge's projector gets there first: nothing to wait on here
        }
    }
}
