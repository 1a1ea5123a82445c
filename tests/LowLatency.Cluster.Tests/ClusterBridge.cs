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
        string Config(string name) => Path.Combine(ShardEngine.Root, "config", name);
        string[] args =
        [
            "--environment=Development",
            "--Bridge:Url=http://127.0.0.1:0",
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
        var app = BridgeApp.Build(args);
        await app.StartAsync().ConfigureAwait(false);
        return new ClusterBridge(app, data);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Directory.Delete(_data, recursive: true);
    }
}
