using LowLatency.Engine.Commands;
using LowLatency.Engine.Host.Configuration;
using LowLatency.EventStream;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host;

/// <summary>
/// The engine's commands over NATS when <c>cluster.nats</c> is set: the responder that answers
/// <c>ll.command.SHARD</c>, refusing orders for instruments the shard map gives another shard.
/// </summary>
internal sealed class ClusterCommands : IDisposable
{
    public ClusterCommands(ClusterConfig cluster, ShardMap map, Func<Command, bool> publish, ILogger logger)
    {
        if (cluster.Nats is { } url)
        {
            Responder = new CommandResponder(new CommandResponderOptions { Url = url, Shard = cluster.Shard, Timeout = TimeSpan.FromMilliseconds(cluster.CommandTimeoutMs) },
                publish, id => map.Owns(cluster.Shard, id) ? null : map.OwnerName(id), logger);
        }
    }

    /// <summary>The responder (a trading listener); null without NATS.</summary>
    public CommandResponder? Responder { get; }

    /// <summary>Once the ring runs: commands published before it would have nowhere to go.</summary>
    public void Start() => Responder?.Start();

    public void Dispose() => Responder?.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
