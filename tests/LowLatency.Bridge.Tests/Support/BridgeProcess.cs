using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace LowLatency.Bridge.Tests.Support;

/// <summary>The bridge on a free loopback port (real Kestrel), linked to the engine's port, with an HttpClient on it.</summary>
internal sealed class BridgeProcess : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BridgeProcess(WebApplication app, Uri address)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http { get; }

    public static async Task<BridgeProcess> StartAsync(int enginePort, params string[] extra)
    {
        string[] args =
        [
            "--environment=Development",
            "--Bridge:Url=http://127.0.0.1:0",
            $"--Bridge:LogDirectory={Path.Combine(Path.GetTempPath(), "ll-bridge-test-logs")}",
            $"--Bridge:EnginePort={enginePort}",
            $"--Bridge:EngineSecret={System.Text.Encoding.UTF8.GetString(Paths.LinkSecret)}",
            $"--Bridge:EngineConfig={Paths.Config("engine.json")}",
            $"--Bridge:Instruments={Paths.Config("instruments.json")}",
            $"--Bridge:Strategies={Paths.Config("strategies")}",
            "--Logging:LogLevel:Default=Warning",
            "--Bridge:MutatingRequestsPerSecond=1000000", // tests that count requests set their own
            $"--Bridge:DataDirectory={Directory.CreateTempSubdirectory("ll-bridge-data-").FullName}", // a test that restarts the bridge passes its own
            .. extra,
        ];
        var app = BridgeApp.Build(args);
        await app.StartAsync().ConfigureAwait(false);
        return new BridgeProcess(app, new Uri(app.Urls.First()));
    }

    /// <summary>Waits (bounded) until /api/health reports the engine connected (or not, per <paramref name="connected"/>).</summary>
    public async Task WaitForEngineAsync(bool connected = true)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var health = await Http.GetFromJsonAsync<JsonDocument>("/api/health").ConfigureAwait(false);
            if (health!.RootElement.GetProperty("engine_connected").GetBoolean() == connected)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"engine_connected did not become {connected} within 30 s");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
