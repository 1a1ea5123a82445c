using LowLatency.BinanceEmulator;
using LowLatency.Engine.Host.Configuration;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>
/// What each Binance venue test stands on: the REST and user-data emulators on free loopback ports, the keys in
/// the environment (restored afterwards), a data directory of its own, and the engine's config with BTC-USD
/// routed to the account as BTCUSDT.
/// </summary>
public abstract class BinanceVenueFixture : IDisposable
{
    protected const string Key = "venue-test-key";
    protected const string Secret = "venue-test-secret";
    private static readonly string[] Variables = ["LL_BINANCE_API_KEY", "LL_BINANCE_API_SECRET"];
    private readonly Dictionary<string, string?> _saved = [];

    protected static TimeSpan Wait { get; } = TimeSpan.FromSeconds(20);

    protected BinanceRestEmulator Rest { get; private set; } = null!;

    protected BinanceStreamEmulator Streams { get; private set; } = null!;

    protected EmulatedSpotBook Book => Rest.Book;

    protected EmulatedFuturesBook Futures => Rest.Futures;

    protected string Data { get; private set; } = "";

    [SetUp]
    public void StartEmulators()
    {
        foreach (var name in Variables)
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
        }

        Environment.SetEnvironmentVariable("LL_BINANCE_API_KEY", Key);
        Environment.SetEnvironmentVariable("LL_BINANCE_API_SECRET", Secret);
        Rest = new BinanceRestEmulator(Key, Secret);
        Streams = new BinanceStreamEmulator();
        Book.Events = Streams.SendAsync;
        Rest.Futures.Events = Streams.SendAsync;
        Data = Directory.CreateTempSubdirectory("ll-binance-venue-").FullName;
    }

    [TearDown]
    public void Dispose()
    {
        Streams?.Dispose();
        Rest?.Dispose();
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        if (Data.Length > 0 && Directory.Exists(Data))
        {
            Directory.Delete(Data, recursive: true);
        }

        Data = "";
        GC.SuppressFinalize(this);
    }

    /// <summary>The test engine's config (a simulated feed, no strategies) with BTC-USD on the emulated account; a short recvWindow so unknown outcomes settle quickly.</summary>
    /// <param name="futures">The account is USDⓈ-M futures (leverage 5, isolated margin) instead of spot.</param>
    protected EngineConfig Config(int cancelRetries = 3, bool futures = false)
    {
        var config = RunningEngine.OnFix(Data, "unused", 1);
        BinanceVenueConfig account = new() { RestUrl = Rest.BaseUrl.ToString(), WsUrl = Streams.Root.ToString(), RecvWindowMs = 1_000, CancelRetries = cancelRetries };
        return config with
        {
            Venues = new VenuesConfig
            {
                Binance = new Dictionary<string, BinanceVenueConfig>
                {
                    ["binance"] = futures ? account with { Market = "futures", Leverage = 5, MarginType = "isolated" } : account,
                },
                Instruments = new Dictionary<string, InstrumentVenueConfig> { ["BTC-USD"] = new() { Venue = "binance", Symbol = "BTCUSDT" } },
            },
        };
    }

    internal RunningEngine StartEngine(EngineConfig? config = null)
    {
        var engine = RunningEngine.Start(config ?? Config(), Data);
        engine.WaitFor(() => engine.Host.BinanceVenues.Single().Reconciled, "the first user-data connection reconciled");
        return engine;
    }

    /// <summary>Waits until the emulated book holds the order under <paramref name="clientOrderId"/>.</summary>
    internal EmulatedOrder OnBook(RunningEngine engine, string clientOrderId, EmulatedBook? book = null)
    {
        book ??= Book;
        engine.WaitFor(() => book.Find(clientOrderId) is not null, $"{clientOrderId} on Binance's book");
        return book.Find(clientOrderId)!;
    }
}
