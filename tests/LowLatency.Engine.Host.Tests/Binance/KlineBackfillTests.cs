using LowLatency.Binance;
using LowLatency.BinanceEmulator;
using LowLatency.Engine.Host.Feeds;
using LowLatency.Engine.MarketData;
using LowLatency.History;
using LowLatency.History.Binance;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>
/// REST klines into the history store against the emulator: paged by Binance's limit, a missing minute reported as a
/// gap and never filled in, a repeat idempotent, a 429 waited out as its <c>Retry-After</c> says, a request held
/// back when the weight budget would cross its limit, and a refusal ending the backfill with Binance's answer.
/// </summary>
[TestFixture]
public sealed class KlineBackfillTests : IDisposable
{
    private static readonly long From = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private BinanceRestEmulator? _exchange;
    private HttpClient? _http;
    private string _dir = "";

    private string Database => Path.Combine(_dir, "history.db");

    [SetUp]
    public void Start()
    {
        _dir = Directory.CreateTempSubdirectory("ll-klines-").FullName;
        _exchange = new BinanceRestEmulator("key", "secret");
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    [TearDown]
    public void Dispose()
    {
        _exchange?.Dispose();
        _http?.Dispose();
        (_exchange, _http) = (null, null);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private BinanceRestClient Client(RequestBudget? budget = null) => new(_http!, _exchange!.BaseUrl, BinanceMarket.Spot, null, budget ?? RequestBudget.Spot());

    private Task<KlineBackfillResult> Backfill(BinanceRestClient client, int minutes, List<double>? progress = null) =>
        KlineBackfill.RunAsync(client, BinanceMarket.Spot, "BTCUSDT", "BTC-USD", From, From + (minutes * 60_000L), new SqliteBarStore(Database), progress is null ? null : progress.Add);

    private List<SourcedBar> Stored()
    {
        using var store = new SqliteBarStore(Database);
        return store.Range("BTC-USD", Timeframe.M1, From, From + (10_000 * 60_000L));
    }

    [Test]
    public async Task Pages_of_a_thousand_fill_the_span_and_a_missing_minute_is_a_gap_not_a_bar()
    {
        _exchange!.MissingKlines[From + (1500 * 60_000L)] = true;
        var progress = new List<double>();
        var result = await Backfill(Client(), 2500, progress);
        var stored = Stored();
        Assert.Multiple(() =>
        {
            Assert.That((result.Rows, result.Requests), Is.EqualTo((2499L, 3)));
            Assert.That(result.Gaps, Is.EqualTo(new[] { (From + (1499 * 60_000L), 1L) }));
            Assert.That(stored, Has.Count.EqualTo(2499));
            Assert.That(stored.Select(b => b.Source).Distinct(), Is.EqualTo(new[] { PriceSources.Binance }));
            Assert.That(stored[0].Bar.OpenTimeMs, Is.EqualTo(From));
            Assert.That(stored[^1].Bar.OpenTimeMs, Is.EqualTo(From + (2499 * 60_000L)), "the span's end is exclusive");
            Assert.That(stored.Any(b => b.Bar.OpenTimeMs == From + (1500 * 60_000L)), Is.False);
            var minute = From / 60_000 % 1000;
            Assert.That((stored[0].Bar.Open, stored[0].Bar.High, stored[0].Bar.Low, stored[0].Bar.Close, stored[0].Bar.Volume),
                Is.EqualTo((100 + minute + 0.1, 100 + minute + 0.5, 100 + minute + 0.0, 100 + minute + 0.2, 12.5)));
            Assert.That(progress, Is.Ordered.And.Not.Empty);
            Assert.That(progress[^1], Is.EqualTo(1));
        });

        var again = await Backfill(Client(), 2500);
        Assert.That((again.Rows, Stored().Count), Is.EqualTo((2499L, 2499)), "a repeat rewrites the same slots");
    }

    [Test]
    public async Task A_429_is_waited_out_and_the_page_asked_again()
    {
        _exchange!.FailNext(429, retryAfterSeconds: 1);
        var started = Environment.TickCount64;
        var result = await Backfill(Client(), 10);
        Assert.That(result.Rows, Is.EqualTo(10));
        Assert.That(Environment.TickCount64 - started, Is.GreaterThanOrEqualTo(900), "it waited as Retry-After said");
        Assert.That(_exchange.Requests["/api/v3/klines"], Is.EqualTo(2));
    }

    [Test]
    public async Task A_request_that_would_cross_the_weight_limit_waits_for_the_next_minute_rather_than_being_sent()
    {
        var intoMinute = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() % 60_000;
        if (intoMinute > 55_000)
        {
            Thread.Sleep(TimeSpan.FromMilliseconds(60_100 - intoMinute)); // the budget counts per clock minute: not across its turn
        }

        _exchange!.UsedWeight = 5_398; // the answer says 5,400 used: one more page would pass 90 % of 6,000
        var budget = RequestBudget.Spot();
        var client = Client(budget);
        var first = await Backfill(client, 10);
        Assert.That(first.Rows, Is.EqualTo(10));
        Assert.That(budget.Check(2, isOrder: false, DateTimeOffset.UtcNow), Is.Not.Null, "the budget now holds the next page back");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        Assert.That(async () => await KlineBackfill.RunAsync(client, BinanceMarket.Spot, "BTCUSDT", "BTC-USD", From, From + 600_000, new SqliteBarStore(Database), cancel: cancel.Token),
            Throws.InstanceOf<OperationCanceledException>(), "held back, waiting, until cancelled");
        Assert.That(_exchange.Requests["/api/v3/klines"], Is.EqualTo(1), "nothing sent past the budget");
    }

    [Test]
    public void A_refusal_ends_the_backfill_with_Binances_answer()
    {
        var client = Client();
        Assert.That(async () => await KlineBackfill.RunAsync(client, BinanceMarket.Spot, "BTCUSDT", "BTC-USD", From, From - 1, new SqliteBarStore(Database)),
            Throws.InstanceOf<ArgumentOutOfRangeException>(), "an empty span");
        _exchange!.FailNext(418, retryAfterSeconds: 120);
        Assert.That(async () => await Backfill(client, 10), Throws.InvalidOperationException.With.Message.Contains("HTTP 418"));
        Assert.That(async () => await Backfill(client, 10), Throws.InvalidOperationException.With.Message.Contains("banned"), "no request during the ban");
    }
}
