using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LowLatency.Bridge.Tests.Support;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>Candles, Gann levels, signals and backtests: they work without an engine.</summary>
[NonParallelizable]
public sealed class AnalyticsTests : StandaloneBridgeFixture
{
    [TestCase("BTC-USD")]
    [TestCase("BTC/USDT")]
    public async Task Candles_carry_time_and_date_and_are_the_same_on_every_call(string symbol)
    {
        const string body = """{"timeframe":"1d","startDate":"2024-01-01","endDate":"2024-01-31"}""";
        var (status, first) = await Post($"/api/market-data/{symbol}", body);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), first.ToString());
        Assert.That(first.GetArrayLength(), Is.EqualTo(30));
        var candle = first[0];
        Assert.That(candle.GetProperty("time").GetString(), Is.EqualTo("2024-01-01T00:00:00.000Z"));
        Assert.That(candle.GetProperty("date").GetString(), Is.EqualTo("2024-01-01"));
        foreach (var field in new[] { "open", "high", "low", "close", "volume" })
        {
            Assert.That(candle.GetProperty(field).ValueKind, Is.EqualTo(JsonValueKind.Number), field);
        }

        Assert.That(first.EnumerateArray().All(c => c.GetProperty("low").GetDouble() <= Math.Min(c.GetProperty("open").GetDouble(), c.GetProperty("close").GetDouble())), Is.True);
        Assert.That(candle.GetProperty("source").GetString(), Is.EqualTo("synthetic"));
        var (_, again) = await Post($"/api/market-data/{symbol}", body);
        Assert.That(again.ToString(), Is.EqualTo(first.ToString()), "stored: the same candles again");
    }

    [TestCase("""{"timeframe":"7x"}""", HttpStatusCode.BadRequest, "timeframe")]
    [TestCase("""{"timeframe":"1m","startDate":"2020-01-01","endDate":"2024-01-01"}""", HttpStatusCode.BadRequest, "more than")]
    [TestCase("""{"startDate":"yesterday"}""", HttpStatusCode.BadRequest, "date")]
    [TestCase("""{"startDate":"2024-02-01","endDate":"2024-01-01"}""", HttpStatusCode.BadRequest, "after")]
    public async Task Bad_candle_requests_are_problems(string body, HttpStatusCode expected, string mentions)
    {
        var (status, problem) = await Post("/api/market-data/BTC-USD", body);
        Assert.That(status, Is.EqualTo(expected));
        Assert.That(problem.GetProperty("error").GetString(), Does.Contain(mentions));
        Assert.That((await Post("/api/market-data/NOPE", "{}")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Gann_levels_have_every_field_around_the_price()
    {
        var (status, levels) = await Post("/api/gann-levels/BTC-USD", """{"price":47500}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(levels.GetArrayLength(), Is.EqualTo(80), "5 rings of 8 steps on each side");
        foreach (var level in levels.EnumerateArray())
        {
            Assert.That(level.GetProperty("type").GetString(), Is.AnyOf("support", "resistance", "major", "minor"));
            Assert.That(level.GetProperty("degree").GetInt32(), Is.InRange(0, 359));
            Assert.That(level.GetProperty("strength").GetDouble(), Is.InRange(0.1, 1.0));
            Assert.That(level.GetProperty("angle").ValueKind, Is.EqualTo(JsonValueKind.Number));
        }

        var nearestAbove = levels.EnumerateArray().First(l => l.GetProperty("price").GetDouble() > 47500);
        Assert.That(nearestAbove.GetProperty("price").GetDouble(), Is.EqualTo(Math.Pow(Math.Sqrt(47500) + 0.25, 2)).Within(1e-6));
        Assert.That(levels.EnumerateArray().Where(l => l.GetProperty("price").GetDouble() < 47500).Select(l => l.GetProperty("type").GetString()), Is.All.AnyOf("support", "minor"));
        Assert.That((await Post("/api/gann-levels/BTC-USD", """{"price":-5}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Post("/api/gann-levels/BTC-USD", """{"price":"abc"}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Post("/api/gann-levels/BTC-USD", """{"price":100,"levels":99}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Signals_use_the_frontend_enumeration()
    {
        var signals = await Http.GetFromJsonAsync<JsonElement>("/api/signals/BTCUSDT");
        Assert.That(signals.GetArrayLength(), Is.InRange(1, 20));
        foreach (var signal in signals.EnumerateArray())
        {
            Assert.That(signal.GetProperty("signal").GetString(), Is.AnyOf("BUY", "SELL", "NEUTRAL", "CAUTION"));
            Assert.That(signal.GetProperty("symbol").GetString(), Is.EqualTo("BTCUSDT"));
            Assert.That(signal.GetProperty("strength").GetDouble(), Is.InRange(0.0, 1.0));
            Assert.That(signal.GetProperty("timestamp").GetString(), Does.EndWith("Z"));
            Assert.That(signal.GetProperty("message").GetString(), Is.Not.Empty);
        }

        Assert.That((await Http.GetAsync("/api/signals/NOPE")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_backtest_returns_all_six_metrics_trades_and_an_equity_curve()
    {
        var (status, result) = await Post("/api/run_backtest", """{"startDate":"2024-01-01","endDate":"2024-03-01","initialCapital":100000,"symbol":"BTC-USD"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), result.ToString());
        var metrics = result.GetProperty("performanceMetrics");
        foreach (var field in new[] { "totalReturn", "sharpeRatio", "maxDrawdown", "winRate", "profitFactor", "totalTrades" })
        {
            Assert.That(metrics.GetProperty(field).ValueKind, Is.EqualTo(JsonValueKind.Number), field);
        }

        Assert.That(metrics.GetProperty("maxDrawdown").GetDouble(), Is.InRange(0.0, 1.0), "a fraction");
        Assert.That(result.GetProperty("equityCurve").GetArrayLength(), Is.GreaterThanOrEqualTo(60));
        Assert.That(result.GetProperty("equityCurve")[0].GetProperty("equity").GetDouble(), Is.EqualTo(100_000));
        var trades = result.GetProperty("trades");
        Assert.That(trades.GetArrayLength(), Is.EqualTo(metrics.GetProperty("totalTrades").GetInt32()));
        Assert.That(trades.GetArrayLength(), Is.Positive);
        var trade = trades[0];
        Assert.That(trade.GetProperty("side").GetString(), Is.AnyOf("BUY", "SELL"));
        Assert.That(trade.GetProperty("symbol").GetString(), Is.EqualTo("BTC-USD"));
        foreach (var field in new[] { "entry_price", "exit_price", "quantity", "pnl", "return_pct" })
        {
            Assert.That(trade.GetProperty(field).ValueKind, Is.EqualTo(JsonValueKind.Number), field);
        }

        Assert.That(trade.GetProperty("entry_date").GetString(), Does.Match(@"^\d{4}-\d\d-\d\d$"));
        var (_, again) = await Post("/api/run_backtest", """{"startDate":"2024-01-01","endDate":"2024-03-01","initialCapital":100000,"symbol":"BTC-USD"}""");
        Assert.That(again.GetProperty("performanceMetrics").ToString(), Is.EqualTo(metrics.ToString()), "same input, same result");
    }

    [Test]
    public async Task A_backtest_without_trades_still_has_every_metric()
    {
        var (status, result) = await Post("/api/run_backtest", """{"startDate":"2024-01-01","endDate":"2024-01-01T02:00:00Z","initialCapital":5000,"symbol":"ETH-USD"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), result.ToString());
        var metrics = result.GetProperty("performanceMetrics");
        Assert.That((metrics.GetProperty("totalTrades").GetInt32(), metrics.GetProperty("winRate").GetDouble(), metrics.GetProperty("profitFactor").GetDouble()), Is.EqualTo((0, 0.0, 0.0)));
        Assert.That(result.GetProperty("trades").GetArrayLength(), Is.Zero);
        Assert.That(result.GetProperty("equityCurve").GetArrayLength(), Is.Positive);
    }

    [TestCase("BTC-USD", null, "2023-01-01", "2024-12-31")]
    [TestCase("BTC-USD", "mama-fama-btc", "2024-01-01", "2024-04-01")]
    [TestCase("ETH-USD", "gann-sq9-eth", "2024-01-01", "2024-04-01")]
    [TestCase("XAUUSD", "ensemble-xau", "2024-01-01", "2024-04-01")]
    public async Task A_backtest_adds_up_to_the_last_fee(string symbol, string? strategy, string from, string to)
    {
        var strategyField = strategy is null ? "" : ",\"strategy\":\"" + strategy + "\"";
        var (status, result) = await Post("/api/run_backtest", $$"""{"startDate":"{{from}}","endDate":"{{to}}","initialCapital":100000,"symbol":"{{symbol}}"{{strategyField}}}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), result.ToString());
        var r = result.GetProperty("reconciliation");
        var initial = r.GetProperty("initialCapital").GetDecimal();
        var final = r.GetProperty("finalEquity").GetDecimal();
        var trades = result.GetProperty("trades").EnumerateArray().ToList();
        var tradesPnl = trades.Sum(t => t.GetProperty("pnl").GetDecimal());
        var open = r.GetProperty("openPositionPnl").GetDecimal();

        // Each trade is rounded to the cent, so the sum may drift by half a cent a trade at most.
        Assert.That(final - initial, Is.EqualTo(tradesPnl + open).Within(0.01m + (0.005m * trades.Count)), r.ToString());
        Assert.That(r.GetProperty("difference").GetDouble(), Is.EqualTo(0).Within(0.01));
        Assert.That(r.GetProperty("tradesPnl").GetDecimal(), Is.EqualTo(tradesPnl).Within(0.005m * (trades.Count + 1)));
        Assert.That((double)(final - initial) / (double)initial, Is.EqualTo(result.GetProperty("performanceMetrics").GetProperty("totalReturn").GetDouble()).Within(1e-6));
        var fees = trades.Sum(t => t.GetProperty("fees").GetDecimal());
        Assert.That(fees, Is.LessThanOrEqualTo(r.GetProperty("fees").GetDecimal() + (0.005m * trades.Count)), "a trade's fees are its share of the fills' fees");
        Assert.That(result.GetProperty("haltedBy").ValueKind, Is.AnyOf(JsonValueKind.Null, JsonValueKind.Object));
    }

    [TestCase("""{"startDate":"2024-03-01","endDate":"2024-01-01"}""", HttpStatusCode.BadRequest)]
    [TestCase("""{"initialCapital":-1}""", HttpStatusCode.BadRequest)]
    [TestCase("""{"initialCapital":"lots"}""", HttpStatusCode.BadRequest)]
    [TestCase("""{"symbol":"NOPE"}""", HttpStatusCode.NotFound)]
    [TestCase("""{"strategy":"nope"}""", HttpStatusCode.NotFound)]
    [TestCase("""{"startDate":"2010-01-01","endDate":"2024-01-01"}""", HttpStatusCode.BadRequest)]
    public async Task Bad_backtest_requests_are_problems(string body, HttpStatusCode expected) =>
        Assert.That((await Post("/api/run_backtest", body)).Status, Is.EqualTo(expected));

    [Test]
    public async Task A_backtest_job_reports_progress_until_it_completes()
    {
        var (status, started) = await Post("/api/backtests", """{"startDate":"2024-01-01","endDate":"2024-04-01","symbol":"ETH-USD"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted));
        var poll = started.GetProperty("poll").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        var progress = new List<double>();
        JsonElement job;
        do
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the job finishes");
            await Task.Delay(20);
            job = await Http.GetFromJsonAsync<JsonElement>(poll);
            progress.Add(job.GetProperty("progress").GetDouble());
        }
        while (job.GetProperty("status").GetString() is "queued" or "running");

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(progress, Is.Ordered, "progress only grows");
        Assert.That(progress[^1], Is.EqualTo(1));
        Assert.That(job.GetProperty("result").GetProperty("performanceMetrics").GetProperty("totalTrades").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That((await Http.GetAsync("/api/backtests/unknown")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
