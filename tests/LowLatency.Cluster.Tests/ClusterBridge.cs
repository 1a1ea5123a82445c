using LowLatency.Bridge;
using LowLatency.QuickFix;
using Microsoft.AspNetCore.Builder;

namespace LowLatency.Cluster.Tests;

/// <summary>A real bridge (Kestrel on a free loopback port, a data directory of its own) with an HttpClient on it; no engine behind it unless a test starts one.</summary>
public sealed class ClusterBridge : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _data;

    private ClusterBridge(WebApplication app, string data)
    {
        (_app, _data) = (app, data);
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http { get; }

    public static async Task<ClusterBridge> StartAsync(params string[] extra)
    {
        var data = Directory.CreateTempSubdirectory("ll-cluster-bridge-").FullName;
        var app = BridgeApp.Build(Arguments(data, "http://127.0.0.1:0", extra));
        await app.StartAsync().ConfigureAwait(false);
        return new ClusterBridge(app, data);
    }

    /// <summary>A bridge's command line: the repository's config, its own data directory, no engine link unless a test starts one.</summary>
    public static string[] Arguments(string data, string url, params string[] extra)
    {
        string Config(string name) => Path.Combine(ShardEngine.Root, "config", name);
        return
        [
            "--environment=Development",
            $"--Bridge:Url={url}",
            $"--Bridge:LogDirectory={Path.Combine(data, "logs")}",
            $"--Bridge:EnginePort={QuickFixAcceptor.FreePort()}",
            "--Bridge:EngineSecret=cluster-tests-secret",
            $"--Bridge:EngineConfig={Config("engine.json")}",
            $"--Bridge:Instruments={Config("instruments.json")}",
            $"--Bridge:Strategies={Config("strategies")}",
            $"--Bridge:AstroConfig={Config("astro.json")}",
            "--Logging:LogLevel:Default=Warning",
            $"--Bridge:DataDirectory={data}",
            .. extra,
        ];
    }

    /// <summary>The settings that make a bridge one of the cluster's: its servers, its name, the shard map.</summary>
    public static string[] InCluster(NatsServer nats, PostgresServer postgres, string name, IReadOnlyDictionary<string, IReadOnlyList<string>> shards) =>
    [
        $"--Bridge:Cluster:Nats={nats.Url}", $"--Bridge:Cluster:Database={postgres.ConnectionString}", $"--Bridge:Cluster:Name={name}",
        .. shards.SelectMany(s => s.Value.Select((symbol, i) => $"--Bridge:Cluster:Shards:{s.Key}:{i}={symbol}")),
    ];

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Directory.Delete(_data, recursive: true);
    }
}
