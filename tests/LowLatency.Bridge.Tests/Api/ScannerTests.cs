using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LowLatency.Bridge.Tests.Support;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>The scanner and the pattern scan through a real bridge: the contract's shape, the saved settings honoured, the last scan kept across a restart.</summary>
[NonParallelizable]
public sealed class ScannerTests
{
    [Test]
    public async Task A_scan_has_the_contract_shape_and_survives_a_restart()
    {
        var data = Directory.CreateTempSubdirectory("ll-scan-").FullName;
        string first;
        await using (var bridge = await BridgeProcess.StartAsync(Paths.FreePort(), $"--Bridge:DataDirectory={data}"))
        {
            var (status, scan) = await Post(bridge.Http, "/api/scanner/scan", """{"symbols":["BTC-USD","ETHUSDT","EURUSD"],"timeframe":"1d","minConfluence":1,"signalStrength":0}""");
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), scan.ToString());
            Assert.That(scan.GetProperty("scannedSymbols").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "BTC-USD", "ETHUSDT", "EURUSD" }));
            Assert.That(scan.GetProperty("timestamp").GetString(), Does.EndWith("Z"));
            Assert.That(scan.GetProperty("candidates").GetArrayLength(), Is.EqualTo(3), "every symbol scanned");
            foreach (var result in scan.GetProperty("results").EnumerateArray())
            {
                var direction = result.GetProperty("direction").GetString();
                Assert.That(direction, Is.AnyOf("BUY", "SELL"));
                Assert.That(result.GetProperty("confidence").GetDouble(), Is.InRange(0.0, 1.0));
                var entry = result.GetProperty("entryPrice").GetDouble();
                var sign = direction == "BUY" ? 1 : -1;
                Assert.That(sign * (entry - result.GetProperty("stopLoss").GetDouble()), Is.GreaterThan(0));
                Assert.That(sign * (result.GetProperty("takeProfit").GetDouble() - entry), Is.GreaterThan(0));
                Assert.That(result.GetProperty("riskReward").GetDouble(), Is.GreaterThan(0));
                Assert.That(result.GetProperty("confluence").GetInt32(), Is.GreaterThanOrEqualTo(1));
            }

            // The saved settings are honoured: a fixed 3:1 reward.
            Assert.That((await Post(bridge.Http, "/api/config/scanner", """{"riskRewardMode":"fixed","fixedRR":3,"minConfluence":1,"signalStrength":0.01,"timeframes":["1d","4h"]}""")).Status, Is.EqualTo(HttpStatusCode.OK));
            var (_, fixedScan) = await Post(bridge.Http, "/api/scanner/scan", """{"symbols":["BTC-USD","ETH-USD","XAUUSD","GBPUSD","USDJPY"]}""");
            Assert.That(fixedScan.GetProperty("settings").GetProperty("riskRewardMode").GetString(), Is.EqualTo("fixed"));
            Assert.That(fixedScan.GetProperty("timeframes").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "1d", "4h" }), "the saved timeframes are scanned");
            Assert.That(fixedScan.GetProperty("candidates").GetArrayLength(), Is.EqualTo(5 * 2));
            Assert.That(fixedScan.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("riskReward").GetDouble()), Is.All.EqualTo(3));
            first = (await bridge.Http.GetFromJsonAsync<JsonElement>("/api/scanner/results")).ToString();
            Assert.That(first, Is.EqualTo(fixedScan.ToString()), "GET returns the last scan");
        }

        await using (var again = await BridgeProcess.StartAsync(Paths.FreePort(), $"--Bridge:DataDirectory={data}"))
        {
            Assert.That((await again.Http.GetFromJsonAsync<JsonElement>("/api/scanner/results")).ToString(), Is.EqualTo(first), "kept across a restart");
        }
    }

    [Test]
    public async Task Bad_scans_and_pattern_scans()
    {
        await using var bridge = await BridgeProcess.StartAsync(Paths.FreePort());
        Assert.That((await bridge.Http.GetFromJsonAsync<JsonElement>("/api/scanner/results")).GetProperty("results").GetArrayLength(), Is.Zero);
        Assert.That((await Post(bridge.Http, "/api/scanner/scan", """{"symbols":["NOPE"]}""")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Post(bridge.Http, "/api/scanner/scan", """{"symbols":"BTC-USD"}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Post(bridge.Http, "/api/scanner/scan", """{"minConfluence":9}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Post(bridge.Http, "/api/scanner/scan", """{"timeframe":"7x"}""")).Status, Is.EqualTo(HttpStatusCode.BadRequest));

        var (status, patterns) = await Post(bridge.Http, "/api/patterns/scan", """{"symbol":"BTC-USD","lookbackDays":365}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), patterns.ToString());
        var found = patterns.GetProperty("patterns").EnumerateArray().ToList();
        Assert.That(found, Is.Not.Empty, "a year of daily candles has dojis and engulfings");
        Assert.That(found.Select(p => p.GetProperty("pattern").GetString()), Is.All.AnyOf("bullish_engulfing", "bearish_engulfing", "hammer", "shooting_star", "doji", "morning_star", "evening_star"));
        Assert.That(patterns.GetProperty("summary").EnumerateObject().Sum(p => p.Value.GetInt32()), Is.EqualTo(found.Count));
        Assert.That((await Post(bridge.Http, "/api/patterns/scan", """{"symbol":"NOPE"}""")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static Task<(HttpStatusCode Status, JsonElement Body)> Post(HttpClient http, string path, string body) => JsonPost.SendAsync(http, path, body);
}
