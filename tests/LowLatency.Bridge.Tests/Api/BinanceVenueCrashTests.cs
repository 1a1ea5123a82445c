using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LowLatency.BinanceEmulator;
using LowLatency.Bridge.Tests.Support;
using LowLatency.Chaos;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>
/// The engine as a real process trading BTC-USD on the Binance emulator, killed with SIGKILL with orders live there
/// (and, in the chaos run, in flight): Binance fills them while the engine is dead; the restarted engine reconciles
/// its first user-data connection before trading, books those fills from the trade lists, and no client order id
/// ever reaches Binance twice; on a spot account and on a USDⓈ-M futures one.
/// </summary>
[NonParallelizable] // keys are environment variables, and the engine inherits them
public sealed class BinanceVenueCrashTests : IDisposable
{
    private const string Key = "crash-key";
    private const string Secret = "crash-secret";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private BinanceRestEmulator? _rest;
    private BinanceStreamEmulator? _streams;
    private string _data = "";

    [SetUp]
    public void StartEmulator()
    {
        _rest = new BinanceRestEmulator(Key, Secret);
        _streams = new BinanceStreamEmulator();
        _rest.Book.Events = _streams.SendAsync;
        _rest.Futures.Events = _streams.SendAsync;
        Environment.SetEnvironmentVariable("LL_BINANCE_API_KEY", Key);
        Environment.SetEnvironmentVariable("LL_BINANCE_API_SECRET", Secret);
        _data = Directory.CreateTempSubdirectory("ll-binancecrash-").FullName;
    }

    [TearDown]
    public void Dispose()
    {
        Environment.SetEnvironmentVariable("LL_BINANCE_API_KEY", null);
        Environment.SetEnvironmentVariable("LL_BINANCE_API_SECRET", null);
        _streams?.Dispose();
        _rest?.Dispose();
        (_streams, _rest) = (null, null);
        if (_data.Length > 0 && Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }

        _data = "";
    }

    [TestCase("spot", "binance")]
    [TestCase("futures", "binanceusdm")]
    [CancelAfter(240_000)]
    public async Task Kills_with_orders_live_and_in_flight_leave_the_position_equal_to_Binances_fills_and_no_client_id_twice(string market, string exchange)
    {
        EmulatedBook book = market == "spot" ? _rest!.Book : _rest!.Futures;
        using var system = new SystemProcesses(_data, config => OnEmulator(config, market));
        system.StartEngine();
        system.StartBridge();
        Assert.That(await system.WaitConnectedAsync(Wait), Is.True, "engine and bridge up");
        var random = new Random(11);
        const int cycles = 3;
        var acknowledged = 0;
        for (var cycle = 0; cycle < cycles; cycle++)
        {
            await Reconciled(system, exchange);
            var price = await Price(system);
            var burst = Enumerable.Range(0, 3).Select(_ => PostQuietly(system.Http,
                $$"""{"symbol":"BTC-USD","side":"BUY","quantity":0.01,"type":"limit","price":{{price}},"time_in_force":"GTC"}""")).ToList();
            await Task.Delay(random.Next(0, 40)); // some orders in the core, some on their way to Binance, some resting there
            system.KillEngine();
            acknowledged += (await Task.WhenAll(burst)).Count(ok => ok);
            await system.WaitDisconnectedAsync(Wait);

            foreach (var resting in book.Orders.Where(o => o.IsOpen)) // the market trades against what rests while the engine is dead
            {
                book.Fill(resting.ClientOrderId, resting.Quantity / 2, resting.Price);
            }

            system.StartEngine();
            Assert.That(await system.WaitConnectedAsync(Wait), Is.True, () => $"cycle {cycle + 1}: the engine restarted; its output:\n{system.EngineOutput}");
        }

        await Reconciled(system, exchange);
        var filled = book.Orders.Sum(o => o.Executed);
        var positions = await JsonPoll.UntilAsync(system.Http, "/api/positions", p => p.GetArrayLength() == 1 && p[0].GetProperty("quantity").GetDecimal() == filled, Wait);
        var placed = book.Requests.Where(r => r.Method == "POST").Select(r => r.ClientOrderId).ToList();
        TestContext.Out.WriteLine($"{cycles} kills: {acknowledged} orders acknowledged, {placed.Count} placed at Binance, {filled} BTC filled there and held by the engine");
        Assert.Multiple(() =>
        {
            Assert.That(filled, Is.GreaterThan(0m), "Binance filled some while the engine was dead");
            Assert.That(positions[0].GetProperty("quantity").GetDecimal(), Is.EqualTo(filled), "the engine's position is Binance's fills");
            Assert.That(placed, Is.Unique, "no client order id twice at Binance");
            Assert.That(placed, Has.All.StartsWith("LL-"));
            Assert.That(acknowledged, Is.GreaterThan(0));
        });
        var status = await system.Http.GetFromJsonAsync<JsonElement>("/api/trading/status");
        Assert.That(status.GetRawText(), Does.Not.Contain("Reconciliation"));
        var modes = await JsonPoll.UntilAsync(system.Http, "/api/config/trading-modes", m => m.GetArrayLength() == 2 && m[1].GetProperty("brokerConnected").GetBoolean(), Wait);
        Assert.That((modes[1].GetProperty("id").GetString(), modes[1].GetProperty("brokerType").GetString(), modes[1].GetProperty("exchange").GetString(), modes[1].GetProperty("reconciled").GetBoolean()),
            Is.EqualTo(("binance", "crypto_exchange", exchange, true)), "the Settings page sees the account's real state");
    }

    private static async Task<decimal> Price(SystemProcesses system)
    {
        var quote = await JsonPoll.UntilAsync(system.Http, "/api/market-data/BTC-USD/latest", q => q.GetProperty("bid").GetDecimal() > 0, Wait);
        return decimal.Round(quote.GetProperty("bid").GetDecimal() * 0.99m, 2);
    }

    private static async Task<bool> PostQuietly(HttpClient http, string json)
    {
        try
        {
            using var response = await http.PostAsync("/api/orders", new StringContent(json, Encoding.UTF8, "application/json"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task Reconciled(SystemProcesses system, string exchange)
    {
        try
        {
            await JsonPoll.UntilAsync(system.Http, "/api/health", h => h.GetProperty("venues").EnumerateArray().Any(v =>
                v.GetProperty("type").GetString() == exchange && v.GetProperty("connected").GetBoolean() && v.GetProperty("reconciled").GetBoolean()), Wait);
        }
        catch (AssertionException)
        {
            TestContext.Out.WriteLine($"health: {await system.Http.GetStringAsync("/api/health")}");
            throw;
        }
    }

    /// <summary>The shipped engine.json with BTC-USD on the emulated account, no strategies, simulated prices allowed (these tests are about orders).</summary>
    private string OnEmulator(string config, string market)
    {
        var strategies = Directory.CreateDirectory(Path.Combine(_data, "no-strategies")).FullName;
        var venues = $$"""
            "strategies": {{JsonSerializer.Serialize(strategies)}},
            "venues": {
              "binance": { "binance": { "market": "{{market}}", "restUrl": "{{_rest!.BaseUrl}}", "wsUrl": "{{_streams!.Root}}", "recvWindowMs": 1000 } },
              "instruments": { "BTC-USD": { "venue": "binance", "symbol": "BTCUSDT" } }
            },
            """;
        return config.Replace("\"strategies\": \"config/strategies\",", venues, StringComparison.Ordinal)
            .Replace("\"allowSimulatedPrices\": false", "\"allowSimulatedPrices\": true", StringComparison.Ordinal);
    }
}
