using LowLatency.Bridge.Api;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Risk;

namespace LowLatency.Bridge.Cluster;

/// <summary>
/// The account's risk metrics and portfolio summary (contract 2.25, 2.27) across every shard, on a bridge with
/// <c>Bridge:Cluster:ServeFrontend</c>: the linked bridge's own views of the account that <see cref="ClusterAccount"/>
/// makes of every shard's state, positions and marks on the read side.
/// </summary>
public static class ClusterPortfolioEndpoints
{
    public static void MapClusterPortfolio(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/risk/metrics", (ClusterReadSide side, InstrumentRegistry registry, RiskLimits limits, CancellationToken ct) => ClusterEndpoints.Read(side, async database =>
            Results.Json(PortfolioEndpoints.RiskMetrics((await ClusterAccount.ReadAsync(database, side, registry, ct).ConfigureAwait(false)).Account.State, limits))));
        app.MapGet("/api/portfolio/summary", (ClusterReadSide side, InstrumentRegistry registry, CancellationToken ct) => ClusterEndpoints.Read(side, async database =>
            Results.Json(PortfolioEndpoints.Summary((await ClusterAccount.ReadAsync(database, side, registry, ct).ConfigureAwait(false)).Account.State))));
    }
}
