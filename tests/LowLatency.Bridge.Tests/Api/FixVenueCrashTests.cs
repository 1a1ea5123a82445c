using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LowLatency.Bridge.Tests.Support;
using LowLatency.Chaos;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Session;
using LowLatency.QuickFix;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>
/// The engine as a real process trading BNBUSDT on QuickFIX's ordermatch (FIX 4.2), killed with SIGKILL while its
/// order rests on the book; another session fills that order while the engine is dead; the restarted engine's
/// session asks for what it missed, and the fill reaches the journal and the bridge — once, with the order never
/// sent again.
/// </summary>
[NonParallelizable]
public sealed class FixVenueCrashTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Test]
    public async Task A_fill_made_while_the_engine_was_killed_is_recovered_at_its_next_logon()
    {
        var data = Directory.CreateTempSubdirectory("ll-fixcrash-").FullName;
        try
        {
            await using var book = await QuickFixAcceptor.StartAsync(AcceptorKind.OrderMatch, "FIX.4.2", ["LLCRASH", "COUNTER"], Path.Combine(data, "acceptor"));
            var strategies = Directory.CreateDirectory(Path.Combine(data, "no-strategies")).FullName;
            var venues = $$"""
                "strategies": {{JsonSerializer.Serialize(strategies)}},
                "venues": {
                  "fix": { "book": { "host": "127.0.0.1", "port": {{book.Port}}, "beginString": "FIX.4.2", "senderCompId": "LLCRASH", "targetCompId": "QF", "heartBtInt": 1 } },
                  "instruments": { "BNBUSDT": { "venue": "book" } }
                },
                """;
            using var system = new SystemProcesses(data, config => config.Replace("\"strategies\": \"config/strategies\",", venues, StringComparison.Ordinal)
                // this test is about orders surviving a crash; the venue's own prices are another test's
                .Replace("\"allowSimulatedPrices\": false", "\"allowSimulatedPrices\": true", StringComparison.Ordinal));
            system.StartEngine();
            system.StartBridge();
            Assert.That(await system.WaitConnectedAsync(Wait), Is.True, "engine and bridge up");
            await JsonPoll.UntilAsync(system.Http, "/api/health", h => h.GetProperty("venues").EnumerateArray().Any(v => v.GetProperty("connected").GetBoolean() && v.GetProperty("reconciled").GetBoolean()), Wait);

            var quote = await JsonPoll.UntilAsync(system.Http, "/api/market-data/BNBUSDT/latest", q => q.GetProperty("bid").GetDecimal() > 0, Wait);
            // Whole units and Day orders: what ordermatch books.
            var price = decimal.Round(quote.GetProperty("bid").GetDecimal() * 0.99m, 2);
            var order = await system.Http.PostAsync("/api/orders", new StringContent(
                $$"""{"symbol":"BNBUSDT","side":"BUY","quantity":2,"type":"limit","price":{{price}},"time_in_force":"DAY"}""", Encoding.UTF8, "application/json"));
            Assert.That(order.StatusCode, Is.EqualTo(HttpStatusCode.OK), await order.Content.ReadAsStringAsync());
            var id = $"LL-{File.ReadAllText(Path.Combine(system.EngineData, "incarnation")).Trim()}-1"; // this run's incarnation, written before its first order
            Assert.That(await book.WaitForLogAsync($"\u000111={id}\u0001", Wait, count: 2), Is.True, "the order reached the book and was acknowledged");

            system.KillEngine();
            var counterApp = new RecordingApplication();
            await using (var counter = new FixSession(new FixSessionOptions
            {
                Host = "127.0.0.1", Port = book.Port, BeginString = "FIX.4.2", SenderCompId = "COUNTER", TargetCompId = QuickFixAcceptor.AcceptorCompId, HeartBtIntSeconds = 5,
            }, counterApp))
            {
                counter.Start();
                Assert.That(await counter.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, counter.LastEvent);
                counter.Send(MsgTypes.NewOrderSingle, new NewOrderSingle(new ClOrdId("CP-"u8.ToArray(), 1), "BNBUSDT"u8.ToArray(), FixCodes.SideSell, 2m, FixCodes.OrdTypeLimit, price, 0, FixCodes.TifDay, DateTime.UtcNow));
                try
                {
                    await counterApp.WaitForMessageAsync(Wait, "35=8|", "11=CP-1|", "39=2|"); // the counterparty's sell crossed the engine's resting buy
                }
                catch (TimeoutException e)
                {
                    Assert.Fail($"{e.Message}; the book's log: {book.Log}");
                }
                await counter.StopAsync();
            }

            system.StartEngine();
            Assert.That(await system.WaitConnectedAsync(Wait), Is.True, "the engine restarted");
            var positions = await JsonPoll.UntilAsync(system.Http, "/api/positions", p => p.GetArrayLength() == 1, Wait);
            Assert.That(positions[0].GetProperty("quantity").GetDecimal(), Is.EqualTo(2m), "the fill made while the engine was dead, recovered through the session's resend");
            Assert.That(book.Occurrences("\u000135=D\u0001"), Is.EqualTo(2), "two orders on the book in all: ours once, never resent, and the counterparty's");
            var status = await system.Http.GetFromJsonAsync<JsonElement>("/api/trading/status");
            Assert.That(status.GetRawText(), Does.Not.Contain("Reconciliation"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
