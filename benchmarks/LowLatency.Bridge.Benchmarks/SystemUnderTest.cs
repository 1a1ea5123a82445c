using System.Net;
using System.Net.Sockets;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Host;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Ipc.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Bridge.Benchmarks;

/// <summary>
/// An engine (simulated feed over the 8 instruments, no strategies) and a bridge linked to it, in this process; with
/// <see cref="ClusterSettings"/>, the engine is shard <c>c1</c> owning BTC-USD on those servers and the bridge one of the
/// cluster's, its orders going over NATS (<c>POST /api/cluster/orders</c>).
/// </summary>
internal sealed class SystemUnderTest : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<int> _engine;
    private readonly WebApplication _bridge;
    private readonly string _data;

    private SystemUnderTest(string data, Task<int> engine, WebApplication bridge)
    {
        _data = data;
        _engine = engine;
        _bridge = bridge;
        Address = new Uri(bridge.Urls.First());
    }

    public Uri Address { get; }

    public static async Task<SystemUnderTest> StartAsync(string root, int ticksPerSecond, double quoteRateHz, ClusterSettings? cluster = null)
    {
        var shards = new Dictionary<string, IReadOnlyList<string>> { ["c1"] = ["BTC-USD"] };
        var data = Directory.CreateTempSubdirectory("ll-bridge-bench-").FullName;
        var port = FreePort();
        var config = EngineDefaults.Config with
        {
            StatusIntervalSeconds = 3600,
            Instruments = Path.Combine(root, "config", "instruments.json"),
            Strategies = Directory.CreateDirectory(Path.Combine(data, "no-strategies")).FullName,
            Feed = new FeedConfig { TicksPerSecond = ticksPerSecond },
            Exchange = new PaperExchangeOptions { LatencyMs = 0, LatencyJitterMs = 0 },
            Ipc = new LinkOptions { Port = port, QuoteRateHz = quoteRateHz },
            Risk = EngineDefaults.Config.Risk with { MaxOrdersPerSecond = 100_000, MaxOpenPositions = 100 }, // the order runs send hundreds a second
            Cluster = cluster is null ? new ClusterConfig() : new ClusterConfig { Nats = cluster.Nats, Shard = "c1", Shards = shards },
        };
        var host = new EngineHost(config, Path.Combine(data, "engine"), NullLogger.Instance, TextWriter.Null);
        var stop = new CancellationTokenSource();
        var engine = Task.Factory.StartNew(() => host.Run(stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!host.Started.Wait(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("engine did not start");
        }

        var bridge = BridgeApp.Build(
        [
            "--environment=Development", "--Bridge:Url=http://127.0.0.1:0", $"--Bridge:EnginePort={port}",
            $"--Bridge:EngineConfig={Path.Combine(root, "config", "engine.json")}", $"--Bridge:Instruments={Path.Combine(root, "config", "instruments.json")}",
            $"--Bridge:Strategies={Path.Combine(root, "config", "strategies")}", $"--Bridge:DataDirectory={data}", $"--Bridge:EngineSecretFile={Path.Combine(data, "engine", LowLatency.Ipc.LinkSecret.FileName)}", $"--Bridge:LogDirectory={Path.Combine(data, "logs")}",
            "--Bridge:MutatingRequestsPerSecond=1000000", "--Logging:LogLevel:Default=Warning",
            .. cluster is null ? [] : (string[])[$"--Bridge:Cluster:Nats={cluster.Nats}", $"--Bridge:Cluster:Database={cluster.Database}", "--Bridge:Cluster:Shards:c1:0=BTC-USD"],
        ]);
        await bridge.StartAsync().ConfigureAwait(false);
        var system = new SystemUnderTest(data, engine, bridge) { _stopEngine = stop };
        using var http = new HttpClient { BaseAddress = system.Address };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await http.GetStringAsync("/api/health").ConfigureAwait(false)).Contains("\"engine_connected\":true", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the bridge did not connect to the engine");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        return system;
    }

    private CancellationTokenSource? _stopEngine;

    public async ValueTask DisposeAsync()
    {
        await _bridge.StopAsync().ConfigureAwait(false);
        await _bridge.DisposeAsync().ConfigureAwait(false);
        _stopEngine?.Cancel();
        await _engine.ConfigureAwait(false);
        _stopEngine?.Dispose();
        _stop.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
