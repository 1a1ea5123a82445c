namespace LowLatency.Bridge.Tests.Support;

/// <summary>An engine and a bridge linked to it, in their own temporary data directory; the bridge has seen the engine.</summary>
internal sealed class LinkedSystem : IAsyncDisposable
{
    private readonly string _data;

    private LinkedSystem(string data, EngineProcess engine, BridgeProcess bridge)
    {
        _data = data;
        Engine = engine;
        Bridge = bridge;
    }

    public EngineProcess Engine { get; }

    public BridgeProcess Bridge { get; }

    public HttpClient Http => Bridge.Http;

    public static async Task<LinkedSystem> StartAsync(params string[] bridgeArguments)
    {
        var data = Directory.CreateTempSubdirectory("ll-linked-").FullName;
        var port = Paths.FreePort();
        var engine = new EngineProcess(data, port);
        var bridge = await BridgeProcess.StartAsync(port, bridgeArguments);
        await bridge.WaitForEngineAsync();
        return new LinkedSystem(data, engine, bridge);
    }

    public async ValueTask DisposeAsync()
    {
        await Bridge.DisposeAsync();
        Engine.Dispose();
        Directory.Delete(_data, recursive: true);
    }
}
