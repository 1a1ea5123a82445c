using System.Text.Json;
using LowLatency.Bridge.Tests.Support;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>
/// On the embedded defaults the simulator prices every instrument: every price says so, and so do the health,
/// the trading status and the feeds' figures (<c>SIMULATED PRICES</c>).
/// </summary>
public sealed class PriceSourceTests : IDisposable
{
    private string _data = "";
    private EngineProcess? _engine;
    private BridgeProcess? _system;

    [OneTimeSetUp]
    public async Task StartBoth()
    {
        _data = Directory.CreateTempSubdirectory("ll-sources-").FullName;
        var port = Paths.FreePort();
        _engine = new EngineProcess(_data, port, statusIntervalSeconds: 0.3);
        _system = await BridgeProcess.StartAsync(port);
        await _system.WaitForEngineAsync();
    }

    [OneTimeTearDown]
    public async Task StopBoth()
    {
        await _system!.DisposeAsync();
        Dispose();
        Directory.Delete(_data, recursive: true);
    }

    public void Dispose()
    {
        _engine?.Dispose();
        _engine = null;
    }

    [Test]
    public async Task Health_says_SIMULATED_PRICES_and_shows_the_feed()
    {
        // The engine's first figures are sent before its feeds start (to say where prices will come from): wait for a later interval's.
        var health = await JsonPoll.UntilAsync(_system!.Http, "/api/health", h => h.GetProperty("feeds").EnumerateArray().Any(f => f.GetProperty("messages").GetInt64() > 0), TimeSpan.FromSeconds(30));
        Assert.That(health.GetProperty("simulated_prices").GetBoolean(), Is.True);
        Assert.That(health.GetProperty("allow_simulated_prices").GetBoolean(), Is.False);
        Assert.That(health.GetProperty("message").GetString(), Does.Contain("SIMULATED PRICES").And.Contain("BTC-USD"));
        var feed = health.GetProperty("feeds").EnumerateArray().Single();
        Assert.That((feed.GetProperty("name").GetString(), feed.GetProperty("type").GetString(), feed.GetProperty("source").GetString()), Is.EqualTo(("simulator", "simulator", "simulator")));
        Assert.That(feed.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()), Does.Contain("BTC-USD").And.Contain("XAUUSD"));
        Assert.That(feed.GetProperty("connected").GetBoolean(), Is.True);
        Assert.That(feed.GetProperty("rejects").GetInt64(), Is.Zero);
        Assert.That(health.GetProperty("stale_instruments").GetArrayLength(), Is.Zero, "the simulator quotes every instrument often");
    }

    [Test]
    public async Task Every_price_and_the_trading_status_carry_their_source()
    {
        var latest = await JsonPoll.UntilAsync(_system!.Http, "/api/market-data/BTCUSDT/latest", p => p.TryGetProperty("price", out _), TimeSpan.FromSeconds(30));
        Assert.That(latest.GetProperty("source").GetString(), Is.EqualTo("simulator"));
        Assert.That(latest.GetProperty("symbol").GetString(), Is.EqualTo("BTCUSDT"));
        var status = await JsonPoll.UntilAsync(_system.Http, "/api/trading/status", s => s.GetProperty("stale_instruments").GetArrayLength() == 0, TimeSpan.FromSeconds(30));
        Assert.That(status.GetProperty("simulated_prices").GetBoolean(), Is.True);
        Assert.That(status.GetProperty("price_sources").GetProperty("BTC-USD").GetString(), Is.EqualTo("simulator"));
    }
}
