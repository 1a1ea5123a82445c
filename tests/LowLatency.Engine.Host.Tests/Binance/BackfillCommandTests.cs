using LowLatency.BinanceEmulator;
using LowLatency.Engine.Host.Commands;
using LowLatency.Engine.MarketData;
using LowLatency.History;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary><c>backfill</c> against the emulator (its address in <c>LL_BINANCE_REST_URL</c>, as an operator would point it): bars stored and reported, bad options refused by name, Binance's refusal an error naming it.</summary>
[TestFixture]
[NonParallelizable] // it sets a process-wide environment variable
public sealed class BackfillCommandTests : IDisposable
{
    private static readonly string Instruments = Path.Combine(Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../..")), "config", "instruments.json");
    private BinanceRestEmulator? _exchange;
    private string _dir = "";

    [SetUp]
    public void Start()
    {
        _dir = Directory.CreateTempSubdirectory("ll-backfill-").FullName;
        _exchange = new BinanceRestEmulator("key", "secret");
        Environment.SetEnvironmentVariable("LL_BINANCE_REST_URL", _exchange.BaseUrl.ToString());
    }

    [TearDown]
    public void Dispose()
    {
        Environment.SetEnvironmentVariable("LL_BINANCE_REST_URL", null);
        _exchange?.Dispose();
        _exchange = null;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private int Backfill(TextWriter output, params string[] args) =>
        BackfillCommand.Run(new CommandLine([.. args, "--data-dir", _dir, "--instruments", Instruments]), output, TextWriter.Null);

    [Test]
    public void A_day_of_one_minute_bars_is_stored_under_our_symbol_from_Binances()
    {
        var output = new StringWriter();
        Assert.That(Backfill(output, "--symbol", "BTC-USD", "--from", "2024-01-01", "--to", "2024-01-02"), Is.Zero, output.ToString());
        Assert.That(output.ToString(), Does.Contain("backfilled 1440 1m bars of BTC-USD from Binance spot (BTCUSDT) in 2 request(s)"));
        Assert.That(output.ToString(), Does.Contain("no minutes missing"));
        using var store = new SqliteBarStore(HistoryDatabase.PathIn(_dir));
        var from = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.That(store.Range("BTC-USD", Timeframe.M1, from, from + 86_400_000), Has.Count.EqualTo(1440));
    }

    [TestCase("--market", "options", "--market")]
    [TestCase("--network", "mainnet", "--network")]
    [TestCase("--to", "2023-12-31", "not before")]
    [TestCase("--symbol", "NOPE", "unknown symbol")]
    public void A_bad_option_is_refused_by_name(string option, string value, string message)
    {
        string[] args = option == "--symbol" ? ["--symbol", value, "--from", "2024-01-01", "--to", "2024-01-02"] : ["--symbol", "BTC-USD", "--from", "2024-01-01", option, value];
        Assert.That(() => Backfill(TextWriter.Null, args), Throws.InstanceOf<CommandLineException>().With.Message.Contains(message));
    }

    [Test]
    public void Binances_refusal_is_an_error_naming_its_answer()
    {
        _exchange!.FailNext(418, retryAfterSeconds: 60);
        var output = new StringWriter();
        Assert.That(Backfill(output, "--symbol", "ETH-USD", "--from", "2024-01-01", "--to", "2024-01-02"), Is.EqualTo(1));
        Assert.That(output.ToString(), Does.Contain("error: Binance klines: HTTP 418"));
    }
}
