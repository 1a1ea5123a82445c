using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LowLatency.Bridge.Tests.Support;
using LowLatency.Engine.Host.Configuration;
using LowLatency.QuickFix;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>
/// The whole path through the bridge's REST API with BTC-USD on a FIX session: a limit order posted to
/// <c>/api/orders</c> is filled by QuickFIX's executor and shows as a position; <c>/api/health</c> lists the
/// venue's session as active and <c>/metrics</c> its message counts. A venue that reports more filled than the
/// order had (the book acceptor, told to) halts trading, and the halt and its reason show on
/// <c>/api/trading/status</c> and <c>/api/health</c>.
/// </summary>
[NonParallelizable]
public sealed class FixVenueBridgeTests
{
    [Test]
    public async Task A_limit_order_posted_to_the_bridge_is_filled_on_the_fix_venue_and_health_shows_the_session()
    {
        var data = Directory.CreateTempSubdirectory("ll-fixbridge-").FullName;
        try
        {
            await using var acceptor = await QuickFixAcceptor.StartAsync(AcceptorKind.Executor, "FIX.4.4", ["LLBRIDGE"], Path.Combine(data, "acceptor"));
            var port = Paths.FreePort();
            using var engine = EngineOnFix(data, port, "qf", acceptor.Port);
            await using var bridge = await BridgeProcess.StartAsync(port);
            await bridge.WaitForEngineAsync();
            var health = await JsonPoll.UntilAsync(bridge.Http, "/api/health", h => h.GetProperty("venues").EnumerateArray().Any(v => v.GetProperty("state").GetString() == "active" && v.GetProperty("reconciled").GetBoolean()), TimeSpan.FromSeconds(30));
            var venue = health.GetProperty("venues")[0];
            Assert.That((venue.GetProperty("name").GetString(), venue.GetProperty("type").GetString(), venue.GetProperty("connected").GetBoolean()), Is.EqualTo(("qf", "fix", true)));

            var price = await JsonPoll.UntilAsync(bridge.Http, "/api/market-data/BTC-USD/latest", _ => true, TimeSpan.FromSeconds(30));
            var ask = price.GetProperty("ask").GetDecimal();
            var order = await bridge.Http.PostAsync("/api/orders", new StringContent(
                $$"""{"symbol":"BTC-USD","side":"BUY","quantity":0.01,"type":"limit","price":{{ask * 1.001m:0.00}}}""", Encoding.UTF8, "application/json"));
            Assert.That(order.StatusCode, Is.EqualTo(HttpStatusCode.OK), await order.Content.ReadAsStringAsync());

            var positions = await JsonPoll.UntilAsync(bridge.Http, "/api/positions", p => p.GetArrayLength() == 1, TimeSpan.FromSeconds(30));
            Assert.That(positions[0].GetProperty("quantity").GetDecimal(), Is.EqualTo(0.01m), "the executor's fill, through the engine's ring and journal, to the bridge");
            Assert.That(acceptor.Occurrences($"\u000111=LL-{engine.Host.Pipeline!.Core.Incarnation}-1\u0001"), Is.EqualTo(2), "one NewOrderSingle and its ExecutionReport");

            var metrics = await bridge.Http.GetStringAsync("/metrics");
            Assert.That(metrics, Does.Contain("ll_fix_session_active{venue=\"qf\"} 1"));
            Assert.That(metrics, Does.Match("ll_fix_messages\\{venue=\"qf\",direction=\"out\"\\} [1-9]"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Test]
    public async Task A_report_the_journal_cannot_agree_with_halts_trading_with_the_reason_on_status_and_health()
    {
        var data = Directory.CreateTempSubdirectory("ll-fixhalt-").FullName;
        try
        {
            await using var book = await QuickFixAcceptor.StartAsync(AcceptorKind.Book, "FIX.4.4", ["LLBRIDGE"], Path.Combine(data, "acceptor"));
            var port = Paths.FreePort();
            using var engine = EngineOnFix(data, port, "book", book.Port);
            await using var bridge = await BridgeProcess.StartAsync(port);
            await bridge.WaitForEngineAsync();
            await JsonPoll.UntilAsync(bridge.Http, "/api/health", h => h.GetProperty("venues").EnumerateArray().Any(v => v.GetProperty("state").GetString() == "active" && v.GetProperty("reconciled").GetBoolean()), TimeSpan.FromSeconds(30));
            var price = await JsonPoll.UntilAsync(bridge.Http, "/api/market-data/BTC-USD/latest", _ => true, TimeSpan.FromSeconds(30));
            var order = await bridge.Http.PostAsync("/api/orders", new StringContent(
                $$"""{"symbol":"BTC-USD","side":"BUY","quantity":0.01,"type":"limit","price":{{price.GetProperty("bid").GetDecimal() * 0.99m:0.00}}}""", Encoding.UTF8, "application/json"));
            Assert.That(order.StatusCode, Is.EqualTo(HttpStatusCode.OK), await order.Content.ReadAsStringAsync());
            var id = $"LL-{engine.Host.Pipeline!.Core.Incarnation}-1";
            Assert.That(await book.WaitForLogAsync($"\u000111={id}\u0001", TimeSpan.FromSeconds(30), count: 2), Is.True, "the order rests on the book");

            // The venue says 0.05 of the 0.01 ordered were filled.
            await book.CommandAsync($"report LLBRIDGE {id} BTC-USD 1 1 0.05 0.05 60000");
            var status = await JsonPoll.UntilAsync(bridge.Http, "/api/trading/status", s => s.GetProperty("state").GetString() == "halted", TimeSpan.FromSeconds(30));
            Assert.That(status.GetProperty("state_reason").GetString(), Is.EqualTo("Reconciliation"));
            var health = await JsonPoll.UntilAsync(bridge.Http, "/api/health", h => h.GetProperty("reconciliation_problem").ValueKind == JsonValueKind.String, TimeSpan.FromSeconds(30));
            Assert.Multiple(() =>
            {
                Assert.That(health.GetProperty("reconciliation_problem").GetString(), Does.Contain("500 of 100 lots filled on order 1"));
                Assert.That(health.GetProperty("live_bot_status").GetProperty("state").GetString(), Is.EqualTo("halted"));
            });

            // Nothing booked from the report, the resting order cancelled at the venue, and no new order taken.
            Assert.That(await book.WaitForLogAsync($"\u000141={id}\u0001", TimeSpan.FromSeconds(30), count: 2), Is.True, "the halt cancelled the order on the book");
            var positions = await bridge.Http.GetFromJsonAsync<JsonElement>("/api/positions");
            Assert.That(positions.GetArrayLength(), Is.Zero);
            var refused = await bridge.Http.PostAsync("/api/orders", new StringContent(
                """{"symbol":"BTC-USD","side":"BUY","quantity":0.01,"type":"market"}""", Encoding.UTF8, "application/json"));
            Assert.That((int)refused.StatusCode, Is.InRange(400, 499), await refused.Content.ReadAsStringAsync());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>An engine process trading BTC-USD on the FIX session <paramref name="venue"/> (SenderCompID LLBRIDGE) to the acceptor on <paramref name="acceptorPort"/>.</summary>
    private static EngineProcess EngineOnFix(string data, int port, string venue, int acceptorPort) => new(data, port, statusIntervalSeconds: 0.2, adjust: config => config with
    {
        AllowSimulatedPrices = true, // these tests are about orders; the venue's own prices are another test's
        Venues = new VenuesConfig
        {
            Fix = new Dictionary<string, FixSessionConfig>
            {
                [venue] = new() { Host = "127.0.0.1", Port = acceptorPort, SenderCompId = "LLBRIDGE", TargetCompId = QuickFixAcceptor.AcceptorCompId, HeartBtInt = 1 },
            },
            Instruments = new Dictionary<string, InstrumentVenueConfig> { ["BTC-USD"] = new() { Venue = venue } },
        },
    });
}
