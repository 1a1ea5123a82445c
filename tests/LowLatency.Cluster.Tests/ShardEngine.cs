using LowLatency.Engine.Host;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Cluster.Tests;

/// <summary>A whole engine as one shard of a cluster (no bridge link; simulated prices, ticks journalled), run on a task of its own until disposed.</summary>
public sealed class ShardEngine : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<int> _run;
    private string? _owned;

    public ShardEngine(string dataDirectory, ClusterConfig cluster, bool journalTicks = true, Func<EngineConfig, EngineConfig>? adjust = null)
    {
        Host = new EngineHost((adjust ?? (c => c))(Config(dataDirectory, cluster, journalTicks)), dataDirectory, NullLogger.Instance, TextWriter.Null);
        var host = Host;
        _run = Task.Factory.StartNew(() => host.Run(_stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.That(Host.Started.Wait(TimeSpan.FromSeconds(60)), Is.True, "the engine starts");
        if (cluster.Nats is not null)
        {
            Eventually.Until(() => Host.ServesCommands, "the shard answers commands");
        }
    }

    public EngineHost Host { get; }

    /// <summary>A shard in a data directory of its own, deleted when it is disposed.</summary>
    public static ShardEngine Owning(ClusterConfig cluster, bool journalTicks = true, Func<EngineConfig, EngineConfig>? adjust = null)
    {
        var data = Directory.CreateTempSubdirectory($"ll-{cluster.Shard}-").FullName;
        return new ShardEngine(data, cluster, journalTicks, adjust) { _owned = data };
    }

    /// <summary>Shard <paramref name="shard"/> of the map on <paramref name="nats"/>, owning its data directory, its ticks not journalled.</summary>
    public static ShardEngine Of(NatsServer nats, string shard, IReadOnlyDictionary<string, IReadOnlyList<string>> shards) =>
        Owning(new ClusterConfig { Nats = nats.Url, Shard = shard, Shards = shards }, journalTicks: false);

    public static string Root => Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../.."));

    public static EngineConfig Config(string dataDirectory, ClusterConfig cluster, bool journalTicks) => EngineDefaults.Config with
    {
        StatusIntervalSeconds = 1,
        Instruments = Path.Combine(Root, "config", "instruments.json"),
        Strategies = Directory.CreateDirectory(Path.Combine(dataDirectory, "no-strategies")).FullName,
        Feed = new FeedConfig { TicksPerSecond = 2_000 },
        Ipc = new LowLatency.Ipc.Server.LinkOptions { Enabled = false },
        Journal = new JournalOptions { JournalTicks = journalTicks, SegmentBytes = 1 << 20 },
        Cluster = cluster,
    };

    /// <summary>Stops the engine and waits for it (bounded).</summary>
    public void Dispose()
    {
        _stop.Cancel();
        Assert.That(_run.Wait(TimeSpan.FromSeconds(60)), Is.True, "the engine stops");
        _stop.Dispose();
        if (_owned is not null)
        {
            Directory.Delete(_owned, recursive: true);
        }
    }
}
