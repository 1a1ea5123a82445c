using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using LowLatency.Bridge.Tests.Support;
using LowLatency.History;
using LowLatency.History.Import;

namespace LowLatency.Bridge.Tests.History;

/// <summary>
/// Bars imported while the bridge runs are what it serves, at once and exactly: candles, and the analyses that read
/// them (the Ehlers history's prices are the imported closes). Nothing is fabricated around them: a range reaching
/// before the first stored bar returns the stored bars and says what was there; made-up bars come only when asked.
/// </summary>
public sealed class ImportedHistoryTests
{
    private const int Days = 300;
    private string _data = "";
    private BridgeProcess? _bridge;
    private DateTimeOffset _first;

    private HttpClient Http => _bridge!.Http;

    [OneTimeSetUp]
    public async Task Start()
    {
        _data = Directory.CreateTempSubdirectory("ll-imported-").FullName;
        _bridge = await BridgeProcess.StartAsync(Paths.FreePort(), $"--Bridge:DataDirectory={_data}");

        // Daily bars ending yesterday, so the analyses' look-backs from today reach them.
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        _first = today.AddDays(-Days);
        var lines = new List<string> { "time,open,high,low,close,volume" };
        for (var d = 0; d < Days; d++)
        {
            var close = 2000 + (150 * Math.Sin(d / 9.0)) + d;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{_first.AddDays(d):yyyy-MM-ddTHH:mm:ssZ},{close - 3.25},{close + 7.5},{close - 9.125},{close},{1000 + d}"));
        }

        var file = Path.Combine(_data, "gold.csv");
        await File.WriteAllLinesAsync(file, lines);
        var result = BarImporter.Import(new SqliteBarStore(HistoryDatabase.PathIn(_data)), [file], "XAUUSD", LowLatency.Engine.MarketData.Timeframe.D1, BarFileFormat.Ohlcv);
        Assert.That(result.Rows, Is.EqualTo(Days));

        var old = Path.Combine(_data, "us500.csv");
        await File.WriteAllLinesAsync(old, ["time,open,high,low,close,volume", .. Enumerable.Range(0, 50).Select(d =>
            string.Create(CultureInfo.InvariantCulture, $"{today.AddDays(-400 + d):yyyy-MM-ddTHH:mm:ssZ},5000,5010,4990,5005,1"))]);
        BarImporter.Import(new SqliteBarStore(HistoryDatabase.PathIn(_data)), [old], "US500", LowLatency.Engine.MarketData.Timeframe.D1, BarFileFormat.Auto);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _bridge!.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Test]
    public async Task Candles_are_the_imported_bars_and_say_what_the_store_had()
    {
        using var response = await Candles("XAU/USD", _first.AddDays(-30), _first.AddDays(20));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var bars = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
        Assert.That(bars, Has.Count.EqualTo(20), "the 30 days before the first stored bar are not filled in");
        Assert.That(bars[0].GetProperty("date").GetString(), Is.EqualTo(_first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.That(bars.Select(b => b.GetProperty("source").GetString()), Is.All.EqualTo("imported"));
        Assert.That(bars[5].GetProperty("close").GetDouble(), Is.EqualTo(2000 + (150 * Math.Sin(5 / 9.0)) + 5));
        Assert.That(bars[5].GetProperty("low").GetDouble(), Is.EqualTo(2000 + (150 * Math.Sin(5 / 9.0)) + 5 - 9.125));
        Assert.That(response.Headers.GetValues("X-Data-Source").Single(), Is.EqualTo("imported"));
        Assert.That(response.Headers.GetValues("X-Data-Bars").Single(), Is.EqualTo("20"));
        Assert.That(response.Headers.GetValues("X-Data-From").Single(), Does.StartWith(_first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task Synthetic_bars_only_when_asked_and_labelled()
    {
        using var response = await Candles("XAUUSD", _first.AddDays(-30), _first, synthetic: true);
        var bars = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
        Assert.That(bars, Has.Count.EqualTo(30));
        Assert.That(bars.Select(b => b.GetProperty("source").GetString()), Is.All.EqualTo("synthetic"));
        Assert.That(response.Headers.GetValues("X-Data-Source").Single(), Is.EqualTo("synthetic"));
    }

    [Test]
    public async Task The_ehlers_history_prices_are_the_imported_closes()
    {
        var (status, body) = await JsonPost.SendAsync(Http, "/api/ehlers/analyze", """{"symbol":"XAUUSD","timeframe":"1d","lookbackDays":100}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var history = body.GetProperty("history").EnumerateArray().ToList();
        Assert.That(history, Has.Count.GreaterThanOrEqualTo(98));
        foreach (var row in history)
        {
            var day = (int)Math.Round((DateTimeOffset.Parse(row.GetProperty("time").GetString()!, CultureInfo.InvariantCulture) - _first).TotalDays);
            Assert.That(row.GetProperty("price").GetDouble(), Is.EqualTo(2000 + (150 * Math.Sin(day / 9.0)) + day), $"day {day}");
        }

        var data = body.GetProperty("data");
        Assert.That(data.GetProperty("source").GetString(), Is.EqualTo("imported"));
        Assert.That(data.GetProperty("storedBars").GetInt32(), Is.EqualTo(Days));
        Assert.That(data.GetProperty("storedFrom").GetString(), Does.StartWith(_first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task An_analysis_outside_the_stored_bars_is_refused_saying_what_the_store_holds()
    {
        // US500 has 50 days of history that ended a year ago: a 100-day look-back from today has none of it.
        var (status, body) = await JsonPost.SendAsync(Http, "/api/gann/full-analysis", """{"symbol":"US500","timeframe":"1d","lookbackDays":100}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
        Assert.That(body.ToString(), Does.Contain("0 1d bar(s) of US500").And.Contain("the store holds 50 from").And.Contain("(imported)"));

        var (synthetic, made) = await JsonPost.SendAsync(Http, "/api/ehlers/analyze", """{"symbol":"US500","timeframe":"1d","lookbackDays":100,"synthetic":true}""");
        Assert.That(synthetic, Is.EqualTo(HttpStatusCode.OK), "made-up history when asked for");
        Assert.That(made.GetProperty("data").GetProperty("source").GetString(), Is.EqualTo("synthetic"));
    }

    [Test]
    public async Task Without_any_history_or_live_feed_an_analysis_runs_on_labelled_synthetic_bars()
    {
        var (status, body) = await JsonPost.SendAsync(Http, "/api/ehlers/analyze", """{"symbol":"EURUSD","timeframe":"1d","lookbackDays":100}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("data").GetProperty("source").GetString(), Is.EqualTo("synthetic"));
        Assert.That(body.GetProperty("data").GetProperty("storedBars").GetInt32(), Is.Zero);
    }

    [Test]
    public async Task A_backtest_through_the_api_runs_on_the_imported_bars_and_says_so()
    {
        var (from, to) = (_first.AddDays(10), _first.AddDays(100));
        var (status, result) = await JsonPost.SendAsync(Http, "/api/run_backtest", $$"""{"startDate":"{{from:yyyy-MM-dd}}","endDate":"{{to:yyyy-MM-dd}}","initialCapital":100000,"symbol":"XAUUSD"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), result.ToString());
        var data = result.GetProperty("data");
        Assert.That(data.GetProperty("source").GetString(), Is.EqualTo("imported"));
        Assert.That(data.GetProperty("bars").GetInt32(), Is.EqualTo(90));
        Assert.That(data.GetProperty("dataFrom").GetString(), Does.StartWith(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.That(result.GetProperty("syntheticData").GetBoolean(), Is.False);
        Assert.That(result.GetProperty("dataSource").GetString(), Does.Contain("stored 1d bars (imported)"));
    }

    private Task<HttpResponseMessage> Candles(string symbol, DateTimeOffset from, DateTimeOffset to, bool synthetic = false) =>
        Http.PostAsync($"/api/market-data/{symbol}", new StringContent(
            $$"""{"timeframe":"1d","startDate":"{{from:yyyy-MM-dd}}","endDate":"{{to:yyyy-MM-dd}}"{{(synthetic ? ",\"synthetic\":true" : "")}}}""", Encoding.UTF8, "application/json"));
}
