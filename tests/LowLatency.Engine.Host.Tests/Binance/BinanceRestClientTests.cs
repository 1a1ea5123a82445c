using LowLatency.Binance;
using LowLatency.BinanceEmulator;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>The REST client against the documented API on loopback: signing, the clock, the limits, and answers whose outcome is open.</summary>
public sealed class BinanceRestClientTests : IDisposable
{
    private const string Key = "test-key";
    private const string Secret = "test-secret";

    private BinanceRestEmulator _exchange = null!;
    private HttpClient _http = null!;

    [SetUp]
    public void Start()
    {
        _exchange = new BinanceRestEmulator(Key, Secret);
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    [TearDown]
    public void Dispose()
    {
        _http?.Dispose();
        _exchange?.Dispose();
    }

    private BinanceRestClient Client(string key = Key, string secret = Secret, RequestBudget? budget = null) =>
        new(_http, _exchange.BaseUrl, BinanceMarket.Spot, new BinanceCredentials(key, secret), budget ?? RequestBudget.Spot());

    private static Task<BinanceAnswer> Account(BinanceRestClient client) => client.AccountAsync(CancellationToken.None);

    [Test]
    public async Task A_signed_request_is_accepted_and_its_weight_is_tracked()
    {
        var client = Client();
        var answer = await Account(client);
        Assert.That(answer.Ok, Is.True, answer.ToString());
        Assert.That(answer.Body, Does.Contain("\"canTrade\":true"));
        Assert.That(client.Budget.UsedWeight, Is.EqualTo(20));
    }

    [Test]
    public async Task A_clock_behind_the_exchanges_is_measured_again_after_a_1021_and_the_request_goes_once_more()
    {
        _exchange.Skew = TimeSpan.FromSeconds(30);
        var client = Client();
        var answer = await Account(client);
        Assert.That(answer.Ok, Is.True, answer.ToString());
        Assert.That(client.ClockResyncs, Is.EqualTo(1));
        Assert.That(client.ClockOffset.TotalSeconds, Is.EqualTo(30).Within(2));
        Assert.That((_exchange.Requests["/api/v3/account"], _exchange.Requests["/api/v3/time"]), Is.EqualTo((2, 1)));

        Assert.That((await Account(client)).Ok, Is.True);
        Assert.That(client.ClockResyncs, Is.EqualTo(1), "the measured offset holds: no more 1021s");
    }

    [Test]
    public async Task A_wrong_secret_or_key_comes_back_with_binances_code_and_message()
    {
        var badSecret = await Account(Client(secret: "wrong"));
        Assert.That((badSecret.Status, badSecret.Code, badSecret.Message), Is.EqualTo((400, -1022, "Signature for this request is not valid.")));
        var badKey = await Account(Client(key: "wrong"));
        Assert.That((badKey.Status, badKey.Code), Is.EqualTo((401, -2015)));
    }

    [Test]
    public async Task A_request_that_would_cross_the_weight_limit_is_held_back_unsent()
    {
        _exchange.UsedWeight = 5_390; // the time request makes it 5391: 20 more crosses 90 % of 6000
        var client = Client();
        Assert.That((await client.SyncClockAsync(CancellationToken.None)).Ok, Is.True);
        var held = await Account(client);
        Assert.That(held.NotSent, Does.Contain("request weight 5391 of 6000"));
        Assert.That(_exchange.Requests.ContainsKey("/api/v3/account"), Is.False);
    }

    [Test]
    public async Task A_429_stops_every_request_until_its_retry_after()
    {
        var client = Client();
        _exchange.FailNext(429, retryAfterSeconds: 120);
        var limited = await client.PublicAsync("/api/v3/time", "", 1, CancellationToken.None);
        Assert.That((limited.Status, limited.Code), Is.EqualTo((429, -1003)));
        var next = await Account(client);
        Assert.That(next.NotSent, Does.Contain("HTTP 429"));
        Assert.That(_exchange.Requests.ContainsKey("/api/v3/account"), Is.False);
    }

    [Test]
    public async Task A_418_is_a_ban_with_its_end()
    {
        var client = Client();
        _exchange.FailNext(418, retryAfterSeconds: 3_600);
        await client.PublicAsync("/api/v3/time", "", 1, CancellationToken.None);
        Assert.That(client.Budget.BannedUntil, Is.EqualTo(DateTimeOffset.UtcNow.AddHours(1)).Within(TimeSpan.FromSeconds(30)));
        Assert.That((await Account(client)).NotSent, Does.Contain("banned by Binance"));
    }

    [Test]
    public async Task A_5xx_or_a_lost_connection_leaves_the_outcome_open_and_is_not_retried()
    {
        var client = Client();
        _exchange.FailNext(503);
        var answer = await Account(client);
        Assert.That(answer.Unknown, Does.Contain("HTTP 503"));
        Assert.That(_exchange.Requests["/api/v3/account"], Is.EqualTo(1));

        _exchange.Dispose();
        var lost = await Account(client);
        Assert.That(lost.Unknown, Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public async Task A_signed_request_without_keys_is_refused_before_sending()
    {
        var client = new BinanceRestClient(_http, _exchange.BaseUrl, BinanceMarket.Spot, null, RequestBudget.Spot());
        Assert.That((await Account(client)).NotSent, Does.Contain("LL_BINANCE_API_KEY"));
        Assert.That(_exchange.Requests, Is.Empty);
    }
}
