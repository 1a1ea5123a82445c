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
/// sent again; and a chaos run of kills with orders in flight, after which the position is the venue's fills and
/// no ClOrdID reached the venue twice.
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
            using var system = new SystemProcesses(data, config => OnOrderMatch(config, data, book.Port));
            var price = await UpAndPricedAsync(system);
            var order = await system.Http.PostAsync("/api/orders", new StringContent(
                $$"""{"symbol":"BNBUSDT","side":"BUY","quantity":2,"type":"limit","price":{{price}},"time_in_force":"DAY"}""", Encoding.UTF8, "application/json"));
            Assert.That(order.StatusCode, Is.EqualTo(HttpStatusCode.OK), await order.Content.ReadAsStringAsync());
            var id = $"LL-{File.ReadAllText(Path.Combine(system.EngineData, "incarnation")).Trim()}-1"; // this run's incarnation, written before its first order
            Assert.That(await book.WaitForLogAsync($"\u000111={id}\u0001", Wait, count: 2), Is.True, "the order reached the book and was acknowledged");

            system.KillEngine();
            var counterApp = new RecordingApplication();
            await using (var counter = new FixSession(CounterpartyOptions(book.Port), counterApp))
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

    [Test]
    [CancelAfter(240_000)]
    public async Task Kills_with_orders_in_flight_leave_the_position_equal_to_the_venues_fills_and_no_order_sent_twice()
    {
        // A chaos run: a counterparty's sell rests on ordermatch; the engine's buys cross it a few at a time, and the
        // engine is SIGKILLed at a random moment after each burst, with orders still in flight, then restarted.
        var data = Directory.CreateTempSubdirectory("ll-fixchaos-").FullName;
        var random = new Random(7);
        try
        {
            await using var book = await QuickFixAcceptor.StartAsync(AcceptorKind.OrderMatch, "FIX.4.2", ["LLCRASH", "COUNTER"], Path.Combine(data, "acceptor"));
            using var system = new SystemProcesses(data, config => OnOrderMatch(config, data, book.Port));
            var price = await UpAndPricedAsync(system);

            var counterApp = new RecordingApplication();
            await using var counter = new FixSession(CounterpartyOptions(book.Port), counterApp);
            counter.Start();
            Assert.That(await counter.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, counter.LastEvent);
            counter.Send(MsgTypes.NewOrderSingle, new NewOrderSingle(new ClOrdId("CP-"u8.ToArray(), 1), "BNBUSDT"u8.ToArray(), FixCodes.SideSell, 1000m, FixCodes.OrdTypeLimit, price, 0, FixCodes.TifDay, DateTime.UtcNow));
            await counterApp.WaitForMessageAsync(Wait, "35=8|", "11=CP-1|", "39=0|");

            const int cycles = 4;
            var acknowledged = 0;
            for (var cycle = 0; cycle < cycles; cycle++)
            {
                var burst = Enumerable.Range(0, 4).Select(_ => PostQuietly(system.Http, "/api/orders",
                    $$"""{"symbol":"BNBUSDT","side":"BUY","quantity":1,"type":"limit","price":{{price}},"time_in_force":"DAY"}""")).ToList();
                await Task.Delay(random.Next(0, 25)); // the kill lands while the burst is on its way: some in the core, some at the venue, some filled
                system.KillEngine();
                acknowledged += (await Task.WhenAll(burst)).Count(ok => ok);
                await system.WaitDisconnectedAsync(Wait);
                system.StartEngine();
                Assert.That(await system.WaitConnectedAsync(Wait), Is.True, () => $"cycle {cycle + 1}: the engine restarted; its output:\n{system.EngineOutput}");
                await Reconciled(system);
            }

            // What the venue filled against the counterparty's sell is what the engine holds.
            decimal VenueFilled() => counterApp.Messages.Where(m => m.Contains("11=CP-1|", StringComparison.Ordinal))
                .Select(m => decimal.Parse(m[(m.IndexOf("|14=", StringComparison.Ordinal) + 4)..].Split('|')[0], System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0m).Max();
            var positions = await JsonPoll.UntilAsync(system.Http, "/api/positions", p => p.GetArrayLength() == 1 && p[0].GetProperty("quantity").GetDecimal() == VenueFilled(), Wait);
            var sent = book.Log.Split('\n').Where(l => l.Contains("\u000135=D\u0001", StringComparison.Ordinal) && l.Contains("\u000149=LLCRASH\u0001", StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf("\u000111=", StringComparison.Ordinal) + 4)..].Split('\u0001')[0]).ToList();
            TestContext.Out.WriteLine($"{cycles} kills: {acknowledged} orders acknowledged, {sent.Count} reached the venue, {VenueFilled()} filled there and held by the engine");
            Assert.Multiple(() =>
            {
                Assert.That(VenueFilled(), Is.GreaterThan(0m), "some orders filled");
                Assert.That(positions[0].GetProperty("quantity").GetDecimal(), Is.EqualTo(VenueFilled()), "the engine's position is the venue's fills");
                Assert.That(sent, Is.Unique, "no ClOrdID twice at the venue");
                Assert.That(sent.Count, Is.LessThanOrEqualTo(cycles * 4), "no order sent but those submitted");
                Assert.That(acknowledged, Is.GreaterThan(0));
            });
            var status = await system.Http.GetFromJsonAsync<JsonElement>("/api/trading/status");
            Assert.That(status.GetRawText(), Does.Not.Contain("Reconciliation"));
            await counter.StopAsync();
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>A POST that may meet a dying engine: true when acknowledged.</summary>
    private static async Task<bool> PostQuietly(HttpClient http, string path, string json)
    {
        try
        {
            using var response = await http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Starts the engine and the bridge, waits for the venue reconciled, and returns a price ordermatch books (whole units and Day orders) below the market.</summary>
    private static async Task<decimal> UpAndPricedAsync(SystemProcesses system)
    {
        system.StartEngine();
        system.StartBridge();
        Assert.That(await system.WaitConnectedAsync(Wait), Is.True, "engine and bridge up");
        await Reconciled(system);
        var quote = await JsonPoll.UntilAsync(system.Http, "/api/market-data/BNBUSDT/latest", q => q.GetProperty("bid").GetDecimal() > 0, Wait);
        return decimal.Round(quote.GetProperty("bid").GetDecimal() * 0.99m, 2);
    }

    private static FixSessionOptions CounterpartyOptions(int port) => new()
    {
        Host = "127.0.0.1", Port = port, BeginString = "FIX.4.2", SenderCompId = "COUNTER", TargetCompId = QuickFixAcceptor.AcceptorCompId, HeartBtIntSeconds = 5,
    };

    private static async Task Reconciled(SystemProcesses system) =>
        await JsonPoll.UntilAsync(system.Http, "/api/health", h => h.GetProperty("venues").EnumerateArray().Any(v => v.GetProperty("connected").GetBoolean() && v.GetProperty("reconciled").GetBoolean()), Wait);

    /// <summary>The shipped engine.json with BNBUSDT on ordermatch (FIX 4.2), no strategies, simulated prices allowed (these tests are about orders).</summary>
    private static string OnOrderMatch(string config, string data, int port)
    {
        var strategies = Directory.CreateDirectory(Path.Combine(data, "no-strategies")).FullName;
        var venues = $$"""
            "strategies": {{JsonSerializer.Serialize(strategies)}},
            "venues": {
              "fix": { "book": { "host": "127.0.0.1", "port": {{port}}, "beginString": "FIX.4.2", "senderCompId": "LLCRASH", "targetCompId": "QF", "heartBtInt": 1 } },
              "instruments": { "BNBUSDT": { "venue": "book" } }
            },
            """;
        return config.Replace("\"strategies\": \"config/strategies\",", venues, StringComparison.Ordinal)
            .Replace("\"allowSimulatedPrices\": false", "\"allowSimulatedPrices\": true", StringComparison.Ordinal);
    }
}
