using System.Diagnostics;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using LowLatency.EventStream;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host;

/// <summary>
/// The engine's live traffic on NATS when <c>cluster.nats</c> is set: the responder that answers
/// <c>ll.command.SHARD</c>, refusing orders for instruments the shard map gives another shard, and the publisher of
/// its instruments' marks.
/// </summary>
internal sealed class ClusterCommands : IDisposable
{
    public ClusterCommands(ClusterConfig cluster, ShardMap map, InstrumentRegistry registry, TradingPipeline pipeline, IReadOnlyList<string?> sources, Func<Command, bool> publish, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (cluster.Nats is { } url)
        {
            Responder = new CommandResponder(new CommandResponderOptions { Url = url, Shard = cluster.Shard, Timeout = TimeSpan.FromMilliseconds(cluster.CommandTimeoutMs) },
                publish, id => map.Owns(cluster.Shard, id) ? null : map.OwnerName(id), logger);
            if (cluster.MarkIntervalMs > 0)
            {
                var owned = registry.All.Where(i => map.Owns(cluster.Shard, i.Id)).Select(i => i.Id).ToList();
                Marks = new MarkPublisher(url, cluster.Shard, registry, owned, pipeline.Quotes, TimeSpan.FromMilliseconds(cluster.MarkIntervalMs), sources,
                    id => pipeline.Core.Risk.IsStale(id, Stopwatch.GetTimestamp()), logger);
            }
        }
    }

    /// <summary>The responder (a trading listener); null without NATS.</summary>
    public CommandResponder? Responder { get; }

    /// <summary>The mark publisher; null without NATS or with marks off.</summary>
    public MarkPublisher? Marks { get; }

    /// <summary>Once the ring runs: commands published before it would have nowhere to go.</summary>
    public void Start()
    {
        Responder?.Start();
        Marks?.Start();
    }

    public void Dispose()
    {
        Marks?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Responder?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
