using System.Net;
using System.Text.Json;

namespace LowLatency.Bridge.Tests.Support;

/// <summary>A bridge process without an engine, started once per fixture on a free loopback port, and a JSON POST helper.</summary>
public abstract class StandaloneBridgeFixture
{
    private BridgeProcess? _bridge;

    protected HttpClient Http => _bridge!.Http;

    [OneTimeSetUp]
    public async Task StartBridge() => _bridge = await BridgeProcess.StartAsync(Paths.FreePort());

    [OneTimeTearDown]
    public async Task StopBridge()
    {
        if (_bridge is not null)
        {
            await _bridge.DisposeAsync();
        }
    }

    /// <summary>POSTs a JSON text and returns the status and the parsed body (every response has one).</summary>
    protected Task<(HttpStatusCode Status, JsonElement Body)> Post(string path, string body) => JsonPost.SendAsync(Http, path, body);
}
