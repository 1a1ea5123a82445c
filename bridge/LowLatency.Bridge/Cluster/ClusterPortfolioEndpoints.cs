using LowLatency.Bridge.Api;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Risk;
using LowLatency.ReadSide;

namespace LowLatency.Bridge.Cluster;

/// <summary>
/// The account's risk metrics, portfolio summary and performance (contract 2.25, 2.27, 2.28) across every shard, on a bridge with
/// <c>Bridge:Cluster:ServeFrontend</c>: the linked bridge's own views of the account that <see cref="ClusterAccount"/>
/// makes of every shard's state, positions and marks on the read side, and every shard's closed trades
/// (<c>ll_round_trips</c>, paired by the projector with the same ledger the linked bridge pairs with).
/// </summary>
public static class ClusterPortfolioEndpoints
{
    public static void MapClusterPortfolio(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/risk/metrics", (ClusterReadSide side, InstrumentRegistry registry, RiskLimits limits, CancellationToken ct) => ClusterEndpoints.Read(side, async database =>
            Results.Json(PortfolioEndpoints.RiskMetrics((await ClusterAccount.ReadAsync(database, side, registry, ct).ConfigureAwait(false)).Account.State, limits))));
        app.MapGet("/api/portfolio/summary", (ClusterReadSide side, InstrumentRegistry registry, CancellationToken ct) => ClusterEndpoints.Read(side, async database =>
            Results.Json(PortfolioEndpoints.Summary((await ClusterAccount.ReadAsync(database, side, registry, ct).ConfigureAwait(false)).Account.State))));
        app.MapGet("/api/portfolio/performance", (ClusterReadSide side, InstrumentRegistry registry, CancellationToken ct) => ClusterEndpoints.Read(side, async database =>
        {
            var account = (await ClusterAccount.ReadAsync(database, side, registry, ct).ConfigureAwait(false)).Account;
            var closed = await ReadSideQueries.RoundTripsAsync(database, MaxClosedTrades, ct).ConfigureAwait(false);
            return Results.Json(PortfolioEndpoints.Performance(account.State, [.. closed.Select(t => (decimal.Round(t.Pnl, 8), t.EntryPrice * t.Quantity))]));
        }));
    }

    /// <summary>The closed trades a performance counts: the latest, as many as the linked bridge keeps.</summary>
    private const int MaxClosedTrades = 10_000;
}
