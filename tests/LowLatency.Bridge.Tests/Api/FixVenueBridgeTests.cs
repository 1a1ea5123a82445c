using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LowLatency.Bridge.Tests.Support;
using LowLatency.Engine.Host.Configuration;
using LowLatency.QuickFix;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>
/// The whole path through the bridge's REST API with BTC-USD on a FIX session to QuickFIX's executor: a limit order
/// posted to <c>/api/orders</c> is filled by the acceptor and shows as a position; <c>/api/health</c> lists the
/// venue's session as active and <c>/metrics</c> its message counts.
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
            using var engine = new EngineProcess(data, port, statusIntervalSeconds: 0.2, adjust: config => config with
            {
                Venues = new VenuesConfig
                {
                    Fix = new Dictionary<string, FixSessionConfig>
                    {
                        ["qf"] = new() { Host = "127.0.0.1", Port = acceptor.Port, SenderCompId = "LLBRIDGE", TargetCompId = QuickFixAcceptor.AcceptorCompId, HeartBtInt = 1 },
                    },
                    Instruments = new Dictionary<string, InstrumentVenueConfig> { ["BTC-USD"] = new() { Venue = "qf" } },
                },
            });
            await using var bridge = await BridgeProcess.StartAsync(port);
            await bridge.WaitForEngineAsync();
            var health = await JsonPoll.UntilAsync(bridge.Http, "/api/health", h => h.GetProperty("venues").EnumerateArray().Any(v => v.GetProperty("state").GetString() == "active"), TimeSpan.FromSeconds(30));
            var venue = health.GetProperty("venues")[0];
            Assert.That((venue.GetProperty("name").GetString(), venue.GetProperty("type").GetString(), venue.GetProperty("connected").GetBoolean()), Is.EqualTo(("qf", "fix", true)));

            var price = await JsonPoll.UntilAsync(bridge.Http, "/api/market-data/BTC-USD/latest", _ => true, TimeSpan.FromSeconds(30));
            var ask = price.GetProperty("ask").GetDecimal();
            var order = await bridge.Http.PostAsync("/api/orders", new StringContent(
                $$"""{"symbol":"BTC-USD","side":"BUY","quantity":0.01,"type":"limit","price":{{ask * 1.001m:0.00}}}""", Encoding.UTF8, "application/json"));
            Assert.That(order.StatusCode, Is.EqualTo(HttpStatusCode.OK), await order.Content.ReadAsStringAsync());

            var positions = await JsonPoll.UntilAsync(bridge.Http, "/api/positions", p => p.GetArrayLength() == 1, TimeSpan.FromSeconds(30));
            Assert.That(positions[0].GetProperty("quantity").GetDecimal(), Is.EqualTo(0.01m), "the executor's fill, through the engine's ring and journal, to the bridge");
            Assert.That(acceptor.Occurrences("\u000111=LL-1\u0001"), Is.EqualTo(2), "one NewOrderSingle and its ExecutionReport");

            var metrics = await bridge.Http.GetStringAsync("/metrics");
            Assert.That(metrics, Does.Contain("ll_fix_session_active{venue=\"qf\"} 1"));
            Assert.That(metrics, Does.Match("ll_fix_messages\\{venue=\"qf\",direction=\"out\"\\} [1-9]"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
