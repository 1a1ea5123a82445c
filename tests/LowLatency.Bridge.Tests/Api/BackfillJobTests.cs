using System.Globalization;
using System.Net;
using System.Text.Json;
using LowLatency.BinanceEmulator;
using LowLatency.Bridge.Tests.Support;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>
/// <c>/api/history/backfill</c>: Binance's klines (its emulator, at <c>LL_BINANCE_REST_URL</c>) into the history
/// store as a job that is polled to its end and then served as candles, with Binance's missing minutes named; a job
/// cancelled while it waits out a 429; and bad requests refused with the reason.
/// </summary>
[NonParallelizable] // the exchange's address is an environment variable
public sealed class BackfillJobTests : StandaloneBridgeFixture, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private PointedRestEmulator? _pointed;

    private BinanceRestEmulator Exchange => _pointed!.Exchange;

    [SetUp]
    public void PointAtTheEmulator() => _pointed = new PointedRestEmulator();

    [TearDown]
    public void Dispose() => _pointed?.Dispose();

    [Test]
    public async Task A_backfill_is_polled_to_its_end_and_its_bars_are_served_with_the_missing_minutes_named()
    {
        var to = DateTimeOffset.UtcNow.AddHours(-2);
        to = to.AddTicks(-(to.Ticks % TimeSpan.TicksPerMinute));
        var missing = to.AddMinutes(-30).ToUnixTimeMilliseconds();
        Exchange.MissingKlines[missing] = true;
        var (status, started) = await Post("/api/history/backfill", $$"""{"symbol":"BTC-USD","minutes":1500,"to":"{{to:O}}"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted), started.ToString());
        Assert.That(started.GetProperty("exchange_symbol").GetString(), Is.EqualTo("BTCUSDT"), "the instrument's Binance alias");

        var done = await JsonPoll.UntilAsync(Http, started.GetProperty("poll").GetString()!, j => j.GetProperty("status").GetString() is "completed" or "failed", Wait);
        Assert.Multiple(() =>
        {
            Assert.That(done.GetProperty("status").GetString(), Is.EqualTo("completed"), done.ToString());
            Assert.That(done.GetProperty("progress").GetDouble(), Is.EqualTo(1));
            Assert.That(done.GetProperty("bars").GetInt64(), Is.EqualTo(1499), "every minute but the one Binance lacks");
            Assert.That(done.GetProperty("requests").GetInt32(), Is.EqualTo(2), "1,000 a page");
            Assert.That(done.GetProperty("gaps")[0].GetProperty("missing_minutes").GetInt64(), Is.EqualTo(1));
        });

        var (_, candles) = await Post("/api/market-data/BTC-USD", $$"""{"timeframe":"1m","startDate":"{{to.AddMinutes(-60):O}}","endDate":"{{to:O}}"}""");
        var bars = candles.EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(bars, Has.Count.EqualTo(59), "an hour of minutes, one missing");
            Assert.That(bars.Select(b => b.GetProperty("source").GetString()).Distinct(), Is.EqualTo(new[] { "binance" }));
            var minute = to.AddMinutes(-10).ToUnixTimeMilliseconds() / 60_000;
            var bar = bars.Single(b => b.GetProperty("time").GetString() == to.AddMinutes(-10).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            Assert.That(bar.GetProperty("close").GetDouble(), Is.EqualTo(100 + (minute % 1000) + 0.2).Within(1e-9), "the emulator's close for that minute");
        });
    }

    [Test]
    public async Task A_job_waiting_out_a_429_is_cancelled_and_a_second_cancel_is_a_conflict()
    {
        Exchange.FailNext(429, retryAfterSeconds: 30, acted: false);
        var (_, started) = await Post("/api/history/backfill", """{"symbol":"BTC-USD","minutes":600}""");
        var poll = started.GetProperty("poll").GetString()!;
        await JsonPoll.UntilAsync(Http, poll, j => j.GetProperty("status").GetString() == "running", Wait);
        using (var cancel = await Http.DeleteAsync(new Uri(poll, UriKind.Relative)))
        {
            Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        var ended = await JsonPoll.UntilAsync(Http, poll, j => j.GetProperty("status").GetString() != "running", Wait);
        Assert.That(ended.GetProperty("status").GetString(), Is.EqualTo("cancelled"), "stopped while it waited, not after the 30 s");
        Assert.That(Exchange.Requests.GetValueOrDefault("/api/v3/klines"), Is.EqualTo(1), "the 429 came from this exchange, and nothing was asked during its wait");
        using var again = await Http.DeleteAsync(new Uri(poll, UriKind.Relative));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [TestCase("""{"minutes":60}""", "'symbol' is required")]
    [TestCase("""{"symbol":"NOPE","minutes":60}""", "unknown symbol")]
    [TestCase("""{"symbol":"BTC-USD"}""", "either 'minutes'")]
    [TestCase("""{"symbol":"BTC-USD","minutes":60,"from":"2026-01-01"}""", "either 'minutes'")]
    [TestCase("""{"symbol":"BTC-USD","minutes":0.5}""", "whole number")]
    [TestCase("""{"symbol":"BTC-USD","minutes":"60"}""", "must be a number")]
    [TestCase("""{"symbol":"BTC-USD","from":"2020-01-01","to":"2022-01-01"}""", "at most 366 days")]
    [TestCase("""{"symbol":"BTC-USD","from":"2026-01-02","to":"2026-01-01"}""", "before 'to'")]
    [TestCase("""{"symbol":"BTC-USD","minutes":60,"exchange":"kraken"}""", "binanceusdm")]
    [TestCase("""{"symbol":"BTC-USD","minutes":60,"exchangeSymbol":"BTC/USDT"}""", "letters and digits")]
    [TestCase("""{"symbol":"BTC-USD","minutes":60,"speed":2}""", "speed")]
    [TestCase("""{"symbol":""", "JSON")]
    public async Task A_bad_request_is_refused_with_the_reason(string body, string reason)
    {
        var (status, answer) = await Post("/api/history/backfill", body);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), answer.ToString());
        Assert.That(answer.GetProperty("detail").GetString(), Does.Contain(reason));
    }

    [Test]
    public async Task An_unknown_job_is_not_found()
    {
        using var response = await Http.GetAsync(new Uri("/api/history/backfill/nosuchjob", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
