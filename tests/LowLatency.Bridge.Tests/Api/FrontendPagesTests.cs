using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LowLatency.Bridge.Tests.Support;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>The calculators and settings the frontend's pages call (contract section 4.1), without an engine.</summary>
[NonParallelizable]
public sealed class FrontendPagesTests : StandaloneBridgeFixture
{
    [Test]
    public async Task Risk_reward_analysis_has_every_field_the_risk_page_reads()
    {
        var (status, body) = await Post("/api/rr/calculate", """{"entryPrice":100,"stopLoss":95,"takeProfit":115,"accountBalance":10000,"riskPercent":2}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var a = body.GetProperty("analysis");
        Assert.That((a.GetProperty("riskRewardRatio").GetDecimal(), a.GetProperty("riskAmount").GetDecimal(), a.GetProperty("rewardAmount").GetDecimal()), Is.EqualTo((3m, 200m, 600m)));
        Assert.That((a.GetProperty("riskPercent").GetDecimal(), a.GetProperty("rewardPercent").GetDecimal()), Is.EqualTo((5m, 15m)));
        Assert.That((a.GetProperty("breakevenWinrate").GetDecimal(), a.GetProperty("expectedValue").GetDecimal(), a.GetProperty("rating").GetString()), Is.EqualTo((25m, 1m, "excellent")));
        Assert.That(a.GetProperty("notes").GetArrayLength(), Is.Positive);
        Assert.That((await Post("/api/rr/calculate", """{"entryPrice":100,"stopLoss":105,"takeProfit":115}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest), "a long with its stop above the entry");
        Assert.That((await Post("/api/rr/calculate", """{"entryPrice":100}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Greeks_match_black_scholes()
    {
        // Hull's textbook case: S 42, K 40, r 10 %, σ 20 %, 6 months → call 4.76, put 0.81.
        var (status, call) = await Post("/api/options/greeks", """{"spotPrice":42,"strikePrice":40,"timeToExpiry":182.5,"volatility":0.2,"riskFreeRate":0.1,"optionType":"call"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(call.GetProperty("price").GetDouble(), Is.EqualTo(4.76).Within(0.005));
        Assert.That(call.GetProperty("greeks").GetProperty("delta").GetDouble(), Is.EqualTo(0.7791).Within(0.0005));
        var (_, put) = await Post("/api/options/greeks", """{"spotPrice":42,"strikePrice":40,"timeToExpiry":182.5,"volatility":0.2,"riskFreeRate":0.1,"optionType":"put"}""");
        Assert.That(put.GetProperty("price").GetDouble(), Is.EqualTo(0.81).Within(0.005));
        foreach (var greek in new[] { "delta", "gamma", "theta", "vega" })
        {
            Assert.That(put.GetProperty("greeks").GetProperty(greek).ValueKind, Is.EqualTo(JsonValueKind.Number), greek);
        }

        Assert.That((await Post("/api/options/greeks", """{"spotPrice":42,"strikePrice":40,"timeToExpiry":0,"volatility":0.2}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Post("/api/options/greeks", """{"spotPrice":42,"strikePrice":40,"timeToExpiry":30,"volatility":28.5}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest), "volatility is a fraction");
    }

    [Test]
    public async Task Options_analysis_prices_an_at_the_money_pair_on_realised_volatility()
    {
        var (status, body) = await Post("/api/options/analyze", """{"symbol":"ETHUSDT","expiryDays":30}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("spotPrice").GetDouble(), Is.Positive);
        Assert.That(body.GetProperty("volatility").GetProperty("current").GetDouble(), Is.InRange(0.05, 5.0), "a fraction");
        Assert.That(body.GetProperty("call").GetProperty("price").GetDouble(), Is.GreaterThan(body.GetProperty("put").GetProperty("price").GetDouble()), "at the money with a positive rate");
        Assert.That(body.GetProperty("call").GetProperty("delta").GetDouble(), Is.InRange(0.5, 1.0));
        Assert.That((await Post("/api/options/analyze", """{"symbol":"NOPE"}""")).Status, Is.EqualTo(HttpStatusCode.NotFound));

        // The Options page's default symbol is the bare base asset.
        foreach (var asset in new[] { "BTC", "ETH", "BNB", "XAU", "GOLD" })
        {
            var (bare, answer) = await Post("/api/options/analyze", $$"""{"symbol":"{{asset}}","expiryDays":30}""");
            Assert.That(bare, Is.EqualTo(HttpStatusCode.OK), $"{asset}: {answer}");
            Assert.That(answer.GetProperty("spotPrice").GetDouble(), Is.Positive, asset);
        }
    }

    [Test]
    public async Task Scanner_settings_load_with_defaults_and_save()
    {
        var defaults = await Http.GetFromJsonAsync<JsonElement>("/api/config/scanner");
        Assert.That(defaults.GetProperty("timeframes").ValueKind, Is.EqualTo(JsonValueKind.Array), "an array, not the YAML object that crashed the page");
        Assert.That(defaults.GetProperty("riskRewardMode").GetString(), Is.AnyOf("dynamic", "fixed"));
        var (status, saved) = await Post("/api/config/scanner", """{"timeframes":["15m","1h"],"riskRewardMode":"fixed","fixedRR":3}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), saved.ToString());
        var again = await Http.GetFromJsonAsync<JsonElement>("/api/config/scanner");
        Assert.That((again.GetProperty("timeframes").GetArrayLength(), again.GetProperty("riskRewardMode").GetString(), again.GetProperty("fixedRR").GetInt32()), Is.EqualTo((2, "fixed", 3)));
        Assert.That((await Post("/api/config/scanner", """{"timeframes":"1h"}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Post("/api/config/scanner", """{"fixedRR":-1}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Post("/api/config/scanner", """{"colour":"red"}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Settings_save_all_then_load()
    {
        var empty = await Http.GetFromJsonAsync<JsonElement>("/api/config/settings/load");
        Assert.That(empty.GetProperty("success").GetBoolean(), Is.True);
        var (status, _) = await Post("/api/config/sync-all", """{"tradingModes":[{"id":"paper"}],"strategyWeights":{"gann":0.3,"ehlers":0.7}}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        var (fallback, _) = await Post("/api/settings/sync-all", """{"manualLeverages":[{"symbol":"BTC-USD","leverage":2}]}""");
        Assert.That(fallback, Is.EqualTo(HttpStatusCode.OK));
        var loaded = (await Http.GetFromJsonAsync<JsonElement>("/api/config/settings/load")).GetProperty("settings");
        Assert.That(loaded.GetProperty("strategyWeights").GetProperty("ehlers").GetDouble(), Is.EqualTo(0.7));
        Assert.That(loaded.GetProperty("tradingModes").GetArrayLength(), Is.EqualTo(1));
        Assert.That(loaded.GetProperty("manualLeverages")[0].GetProperty("leverage").GetInt32(), Is.EqualTo(2));
        Assert.That((await Post("/api/config/sync-all", """{"tradingModes":{"id":"x"}}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Post("/api/config/sync-all", """{"password":"hunter2"}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Trading_modes_broker_test_and_the_risk_page()
    {
        var modes = await Http.GetFromJsonAsync<JsonElement>("/api/config/trading-modes");
        Assert.That(modes.ValueKind, Is.EqualTo(JsonValueKind.Array));
        Assert.That((modes[0].GetProperty("brokerType").GetString(), modes[0].GetProperty("brokerConnected").GetBoolean()), Is.EqualTo(("paper", false)), "no engine here");

        var (_, binance) = await Post("/api/broker/test-connection", """{"brokerType":"binance","apiKey":"k","apiSecret":"s"}""");
        Assert.That(binance.GetProperty("connected").GetBoolean(), Is.False);
        Assert.That(binance.GetProperty("message").GetString(), Does.Contain("binance"));
        Assert.That(binance.ToString(), Does.Not.Contain("\"s\""), "secrets are not echoed");
        Assert.That((await Post("/api/broker/test-connection", "{}")).Status, Is.EqualTo(HttpStatusCode.BadRequest));

        var risk = await Http.GetFromJsonAsync<JsonElement>("/api/config/risk");
        Assert.That(risk.GetProperty("status").GetString(), Is.EqualTo("success"));
        foreach (var field in new[] { "totalExposure", "maxDrawdown", "sharpeRatio", "kellyFraction", "riskPerTrade", "maxPositionSize", "winRate", "avgRiskReward", "dailyLossLimit", "maxOpenPositions", "leverageLimit" })
        {
            Assert.That(risk.GetProperty("metrics").GetProperty(field).ValueKind, Is.EqualTo(JsonValueKind.Number), field);
        }

        Assert.That(risk.GetProperty("metrics").GetProperty("riskPerTrade").GetDouble(), Is.Positive, "from the strategy files");
    }

    [Test]
    public async Task The_optimiser_ranks_ensemble_weights_by_the_metric()
    {
        var (status, body) = await Post("/api/strategies/optimize", """{"timeframe":"H1","metric":"sharpe","startDate":"2024-01-01","endDate":"2024-04-01","symbol":"BTC-USD"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var results = body.GetProperty("results");
        Assert.That(results.GetArrayLength(), Is.InRange(1, 3));
        var best = results[0];
        Assert.That(best.GetProperty("timeframe").GetString(), Is.EqualTo("1h"));
        var weights = best.GetProperty("weights").EnumerateArray().ToList();
        Assert.That(weights.Select(x => x.GetProperty("name").GetString()), Is.EquivalentTo(new[] { "gann", "ehlers", "momentum", "trend", "pattern" }));
        Assert.That(weights.Sum(x => x.GetProperty("weight").GetDouble()), Is.EqualTo(1).Within(0.001));
        Assert.That(best.GetProperty("performance").GetString(), Does.Contain("Sharpe"));
        Assert.That(results.EnumerateArray().Select(r => r.GetProperty("score").GetDouble()), Is.Ordered.Descending);
        Assert.That(body.GetProperty("candidates").GetInt32(), Is.GreaterThanOrEqualTo(results.GetArrayLength()));

        Assert.That((await Post("/api/strategies/optimize", """{"metric":"luck"}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Post("/api/strategies/optimize", """{"timeframe":"Q7"}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Post("/api/strategies/optimize", """{"symbol":"NOPE"}""")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Wave_forecast_has_the_shape_the_wave_tabs_read()
    {
        var (status, body) = await Post("/api/forecast/waves", """{"symbol":"BTCUSDT"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("success"), "the tabs use the data only then");
        var gann = body.GetProperty("gannAnalysis");
        Assert.That(gann.GetProperty("waves").GetArrayLength(), Is.Positive);
        var wave = gann.GetProperty("waves")[0];
        foreach (var field in new[] { "number", "degrees", "bars", "change_pct" })
        {
            Assert.That(wave.GetProperty(field).ValueKind, Is.EqualTo(JsonValueKind.Number), field);
        }

        Assert.That(wave.GetProperty("direction").GetString(), Is.AnyOf("up", "down"));
        Assert.That(wave.GetProperty("gann_angle").GetString(), Does.Match(@"^\dx\d$"));
        var projection = gann.GetProperty("projection");
        Assert.That(projection.GetProperty("target_price").GetDouble(), Is.Positive);
        Assert.That(projection.GetProperty("confidence").GetDouble(), Is.InRange(0.0, 1.0));
        Assert.That(projection.GetProperty("target_date").GetString(), Does.EndWith("Z"));
        var elliott = body.GetProperty("elliottAnalysis");
        Assert.That(elliott.GetProperty("current_wave").GetInt32(), Is.InRange(1, 5));
        foreach (var target in new[] { "wave3", "wave4", "wave5" })
        {
            Assert.That(elliott.GetProperty("targets").GetProperty(target).ValueKind, Is.EqualTo(JsonValueKind.Number), target);
        }

        Assert.That(elliott.GetProperty("trend").GetString(), Is.AnyOf("bullish", "bearish", "neutral"));
        Assert.That(elliott.GetProperty("next_pivot_date").GetString(), Does.Match(@"^\d{4}-\d\d-\d\d$"));
        Assert.That((await Post("/api/forecast/waves", """{"symbol":"NOPE"}""")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
