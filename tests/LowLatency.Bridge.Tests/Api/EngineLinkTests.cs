using System.Buffers;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using LowLatency.Bridge.Tests.Support;
using LowLatency.Ipc;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>The link's failure modes: engine down and back, bridge restarted, garbage on the engine's port.</summary>
[NonParallelizable]
public sealed class EngineLinkTests
{
    private string _data = "";

    [SetUp]
    public void CreateDataDirectory() => _data = Directory.CreateTempSubdirectory("ll-link-").FullName;

    [TearDown]
    public void DeleteDataDirectory() => Directory.Delete(_data, recursive: true);

    private static async Task<long> Sequence(HttpClient http)
    {
        var status = await http.GetFromJsonAsync<JsonElement>("/api/trading/status");
        return status.GetProperty("engine_sequence").GetInt64();
    }

    [Test]
    public async Task Engine_down_gives_503_on_trading_routes_then_the_bridge_recovers_when_it_returns()
    {
        var port = Paths.FreePort();
        await using var bridge = await BridgeProcess.StartAsync(port);
        Assert.That((await bridge.Http.GetAsync("/api/trading/status")).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "no engine yet");
        var problem = await bridge.Http.PostAsync("/api/orders", new StringContent("""{"symbol":"BTC-USD","side":"BUY","quantity":0.01}""", Encoding.UTF8, "application/json"));
        Assert.That(problem.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(problem.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((await bridge.Http.GetAsync("/api/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "health answers without the engine");
        Assert.That((await bridge.Http.PostAsync("/api/risk/calculate-position-size", new StringContent("""{"entryPrice":10,"stopLoss":9}""", Encoding.UTF8, "application/json"))).StatusCode, Is.EqualTo(HttpStatusCode.OK), "analytics keep working");

        using (var engine = new EngineProcess(_data, port))
        {
            await bridge.WaitForEngineAsync();
            var order = await bridge.Http.PostAsync("/api/orders", new StringContent("""{"symbol":"BTC-USD","side":"BUY","quantity":0.01}""", Encoding.UTF8, "application/json"));
            Assert.That(order.StatusCode, Is.EqualTo(HttpStatusCode.OK), await order.Content.ReadAsStringAsync());
            Assert.That(engine.Stop(), Is.Zero);
        }

        await bridge.WaitForEngineAsync(connected: false);
        Assert.That((await bridge.Http.GetAsync("/api/positions")).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));

        using var again = new EngineProcess(_data, port);
        await bridge.WaitForEngineAsync();
        var positions = await bridge.Http.GetFromJsonAsync<JsonElement>("/api/positions");
        Assert.That(positions.EnumerateArray().Single().GetProperty("quantity").GetDecimal(), Is.EqualTo(0.01m), "the restarted engine's recovered position reached the bridge");
        Assert.That(await Sequence(bridge.Http), Is.EqualTo(again.Host.Pipeline!.Core.Sequence));
    }

    [Test]
    public async Task A_restarted_bridge_resyncs_the_whole_state()
    {
        var port = Paths.FreePort();
        using var engine = new EngineProcess(_data, port);
        await using (var first = await BridgeProcess.StartAsync(port))
        {
            await first.WaitForEngineAsync();
            var order = await first.Http.PostAsync("/api/orders", new StringContent("""{"symbol":"ETH-USD","side":"SELL","quantity":0.5}""", Encoding.UTF8, "application/json"));
            Assert.That(order.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await using var second = await BridgeProcess.StartAsync(port);
        await second.WaitForEngineAsync();
        var position = await second.Http.GetFromJsonAsync<JsonElement>("/api/positions/ETHUSDT");
        Assert.That((position.GetProperty("side").GetString(), position.GetProperty("quantity").GetDecimal(), position.GetProperty("symbol").GetString()), Is.EqualTo(("SELL", 0.5m, "ETHUSDT")));
        Assert.That(engine.Host.Link!.ConnectionsAccepted, Is.EqualTo(2));
    }

    [TestCase(new byte[] { 1, 2, 3 }, TestName = "Truncated header then close")]
    [TestCase(new byte[] { 0xFF, 0xFF, 0xFF, 0x7F, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, TestName = "Impossible length")]
    [TestCase(new byte[] { 12, 0, 0, 0, 0x63, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, TestName = "Unknown frame type")]
    public async Task Garbage_on_the_engine_port_closes_that_connection_and_the_engine_trades_on(byte[] garbage)
    {
        var port = Paths.FreePort();
        using var engine = new EngineProcess(_data, port);
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync(IPAddress.Loopback, port);
            await socket.SendAsync(garbage);
            socket.Shutdown(SocketShutdown.Send);
            var buffer = new byte[256];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            Assert.That(await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token), Is.Zero, "the engine closed the connection");
        }

        // A bridge that speaks the protocol still gets in, and the engine still acts on commands.
        await using var bridge = await BridgeProcess.StartAsync(port);
        await bridge.WaitForEngineAsync();
        var started = await bridge.Http.PostAsync("/api/trading/pause", new StringContent("", Encoding.UTF8, "application/json"));
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(engine.Host.Pipeline!.Core.Status, Is.EqualTo(global::LowLatency.Engine.Risk.TradingStatus.Paused));
    }

    [Test]
    public async Task A_hello_of_another_protocol_version_is_refused()
    {
        var port = Paths.FreePort();
        using var engine = new EngineProcess(_data, port);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        FrameFormat.Write(writer, FrameType.Hello, 0, Handshake.Encode(0, version: 2));
        await socket.SendAsync(writer.WrittenMemory);
        var buffer = new byte[256];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.That(await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token), Is.Zero, "closed without a welcome");
        Assert.That(engine.Host.Link!.ConnectionsAccepted, Is.Zero);
    }

    /// <summary>Reads one frame off a raw socket (test side), or null when the engine closed the connection.</summary>
    private static async Task<Frame?> ReadFrame(Socket socket)
    {
        var buffer = new byte[4096];
        var filled = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var sequence = new System.Buffers.ReadOnlySequence<byte>(buffer, 0, filled);
            if (FrameFormat.TryRead(ref sequence, FrameFormat.DefaultMaxPayload, out var frame, out _) == FrameReadStatus.Complete)
            {
                return frame;
            }

            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                return null;
            }

            filled += read;
        }
    }

    private static async Task Send(Socket socket, FrameType type, byte[] payload)
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        FrameFormat.Write(writer, type, 0, payload);
        await socket.SendAsync(writer.WrittenMemory);
    }

    [TestCase("no proof")]
    [TestCase("wrong secret")]
    [TestCase("oversized frame")]
    public async Task A_client_without_the_link_secret_is_closed_and_never_displaces_the_bridge(string attempt)
    {
        var port = Paths.FreePort();
        using var engine = new EngineProcess(_data, port);
        await using var bridge = await BridgeProcess.StartAsync(port);
        await bridge.WaitForEngineAsync();
        var accepted = engine.Host.Link!.ConnectionsAccepted;
        for (var i = 0; i < 5; i++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, port);
            if (attempt == "oversized frame")
            {
                // A 16 MB frame announced before the handshake: refused on its header, nothing buffered.
                var header = new byte[FrameFormat.HeaderSize];
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header, 16 * 1024 * 1024);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), (ushort)FrameType.Hello);
                await socket.SendAsync(header);
                Assert.That(await ReadFrame(socket), Is.Null, "closed on the header");
                continue;
            }

            var hello = Handshake.Encode(0);
            await Send(socket, FrameType.Hello, hello);
            var challenge = await ReadFrame(socket);
            Assert.That(challenge?.Type, Is.EqualTo(FrameType.Challenge));
            Assert.That(challenge!.Value.Payload.Length, Is.EqualTo(LinkSecret.NonceSize));
            var proof = attempt == "no proof" ? Handshake.Encode(0) : LinkSecret.Proof("not-the-secret"u8, challenge.Value.Payload.Span, hello);
            await Send(socket, attempt == "no proof" ? FrameType.Hello : FrameType.Proof, proof);
            Assert.That(await ReadFrame(socket), Is.Null, "closed without a welcome or a snapshot");
        }

        Assert.That(engine.Host.Link.ConnectionsAccepted, Is.EqualTo(accepted), "no intruder was accepted");
        Assert.That(engine.Host.Link.ConnectionsRejected, Is.GreaterThanOrEqualTo(5));
        Assert.That((await bridge.Http.PostAsync("/api/trading/pause", new StringContent("", Encoding.UTF8, "application/json"))).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the bridge was never displaced");
    }

    [Test]
    public async Task Seeded_ipc_fuzz_closes_every_bad_connection_and_the_engine_and_its_bridge_trade_on()
    {
        var port = Paths.FreePort();
        using var engine = new EngineProcess(_data, port);
        await using var bridge = await BridgeProcess.StartAsync(port);
        await bridge.WaitForEngineAsync();
        var link = engine.Host.Link!;
        var accepted = link.ConnectionsAccepted;
        var random = new Random(12);
        const int Attempts = 200;
        var kinds = new int[6];
        for (var i = 0; i < Attempts; i++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, port);
            var kind = random.Next(6);
            kinds[kind]++;
            var writer = new System.Buffers.ArrayBufferWriter<byte>();
            switch (kind)
            {
                case 0: // random bytes
                    var bytes = new byte[random.Next(1, 300)];
                    random.NextBytes(bytes);
                    writer.Write(bytes);
                    break;
                case 1: // a hello cut short
                    FrameFormat.Write(writer, FrameType.Hello, 0, Handshake.Encode(0));
                    writer = Truncated(writer, random.Next(1, FrameFormat.HeaderSize + Handshake.Size - 1));
                    break;
                case 2: // a huge length
                    var header = new byte[FrameFormat.HeaderSize];
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)random.Next(1 << 20, int.MaxValue));
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), (ushort)random.Next(1, 15));
                    writer.Write(header);
                    break;
                case 3: // a command before any handshake
                    FrameFormat.Write(writer, FrameType.Command, 0, new byte[64]);
                    break;
                case 4: // a hello, then a wrong proof
                    FrameFormat.Write(writer, FrameType.Hello, 0, Handshake.Encode(0));
                    FrameFormat.Write(writer, FrameType.Proof, 0, new byte[32]);
                    break;
                default: // connect and go away at once
                    break;
            }

            if (writer.WrittenCount > 0)
            {
                await socket.SendAsync(writer.WrittenMemory);
            }

            socket.Close();
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (link.ConnectionsRejected < Attempts - kinds[5] - kinds[1] - kinds[0])
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"rejections counted ({link.ConnectionsRejected})");
            await Task.Delay(10);
        }

        Assert.That(link.ConnectionsAccepted, Is.EqualTo(accepted), "no bad connection was accepted or displaced the bridge");
        var paused = await bridge.Http.PostAsync("/api/trading/pause", new StringContent("", Encoding.UTF8, "application/json"));
        Assert.That(paused.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the bridge still commands the engine");
        var sequence = engine.Host.Pipeline!.Core.Sequence;
        Assert.That((await bridge.Http.PostAsync("/api/trading/resume", new StringContent("", Encoding.UTF8, "application/json"))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(engine.Host.Pipeline.Core.Sequence, Is.GreaterThan(sequence), "the engine trades on");
        TestContext.Out.WriteLine($"ipc fuzz: {Attempts} connections (random {kinds[0]}, truncated {kinds[1]}, huge length {kinds[2]}, pre-handshake command {kinds[3]}, wrong proof {kinds[4]}, connect-and-leave {kinds[5]}), {link.ConnectionsRejected} rejected, 0 accepted");
    }

    private static System.Buffers.ArrayBufferWriter<byte> Truncated(System.Buffers.ArrayBufferWriter<byte> writer, int length)
    {
        var cut = new System.Buffers.ArrayBufferWriter<byte>();
        cut.Write(writer.WrittenSpan[..length]);
        return cut;
    }

    [Test]
    public void The_engine_generates_its_link_secret_readable_by_its_user_only()
    {
        var directory = Directory.CreateTempSubdirectory("ll-secret-").FullName;
        try
        {
            var secret = LinkSecret.LoadOrCreate(directory);
            var path = Path.Combine(directory, LinkSecret.FileName);
            Assert.That(secret, Has.Length.EqualTo(64), "32 random bytes as hex");
            Assert.That(LinkSecret.LoadOrCreate(directory), Is.EqualTo(secret), "kept across starts");
            if (!OperatingSystem.IsWindows())
            {
                Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task After_a_bridge_restart_every_order_shows_the_engines_status_including_those_that_finished_while_it_was_away(bool engineRestarted)
    {
        var port = Paths.FreePort();
        var store = $"--Bridge:DataDirectory={Path.Combine(_data, "bridge-resync")}";
        var engine = new EngineProcess(_data, port);
        var ids = new List<string>();
        await using (var first = await BridgeProcess.StartAsync(port, store))
        {
            await first.WaitForEngineAsync();
            for (var i = 0; i < 40; i++)
            {
                // Resting buys a few percent under the market: working until cancelled.
                var body = $$"""{"symbol":"XAUUSD","side":"BUY","quantity":1,"type":"limit","price":{{2_200 + i}}}""";
                var order = await first.Http.PostAsync("/api/orders", new StringContent(body, Encoding.UTF8, "application/json"));
                Assert.That(order.StatusCode, Is.EqualTo(HttpStatusCode.OK), await order.Content.ReadAsStringAsync());
                ids.Add((await order.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("order").GetProperty("orderId").GetString()!);
            }

            var deadline = DateTime.UtcNow.AddSeconds(30);
            foreach (var id in ids)
            {
                while ((await first.Http.GetFromJsonAsync<JsonElement>($"/api/orders/{id}")).GetProperty("status").GetString() != "accepted")
                {
                    Assert.That(DateTime.UtcNow, Is.LessThan(deadline));
                    await Task.Delay(10);
                }
            }
        }

        // While no bridge is connected, the engine cancels them all.
        var core = engine.Host.Pipeline!.Core;
        Assert.That(engine.Host.Commands!.TryPublish(new global::LowLatency.Engine.Commands.Command { Type = global::LowLatency.Engine.Commands.CommandType.CancelAll }, TimeSpan.FromSeconds(10)), Is.True);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (core.Orders.WorkingCount != 0)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(until), "cancelled in the engine");
            await Task.Delay(10);
        }

        if (engineRestarted)
        {
            // The engine restarts too: what it remembers of finished orders comes back from its snapshot.
            Assert.That(engine.Stop(), Is.Zero);
            engine.Dispose();
            engine = new EngineProcess(_data, port);
        }

        using var running = engine;
        await using var second = await BridgeProcess.StartAsync(port, store);
        await second.WaitForEngineAsync();
        foreach (var id in ids)
        {
            Assert.That((await second.Http.GetFromJsonAsync<JsonElement>($"/api/orders/{id}")).GetProperty("status").GetString(), Is.EqualTo("cancelled"), $"order {id}");
        }

        var listed = (await second.Http.GetFromJsonAsync<JsonElement>("/api/orders")).EnumerateArray().Where(o => ids.Contains(o.GetProperty("orderId").GetString()!)).ToList();
        Assert.That(listed.Select(o => o.GetProperty("status").GetString()).Distinct(), Is.EqualTo(new[] { "cancelled" }));
        Assert.That(listed, Has.Count.EqualTo(ids.Count));
    }

    [Test]
    public async Task History_and_audit_survive_a_bridge_restart_and_need_no_engine()
    {
        var port = Paths.FreePort();
        var store = $"--Bridge:DataDirectory={Path.Combine(_data, "bridge-data")}";
        using (var engine = new EngineProcess(_data, port))
        {
            await using var first = await BridgeProcess.StartAsync(port, store);
            await first.WaitForEngineAsync();
            var order = await first.Http.PostAsync("/api/orders", new StringContent("""{"symbol":"XAUUSD","side":"BUY","quantity":1}""", Encoding.UTF8, "application/json"));
            Assert.That(order.StatusCode, Is.EqualTo(HttpStatusCode.OK), await order.Content.ReadAsStringAsync());
            var id = (await order.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("order").GetProperty("orderId").GetString();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await first.Http.GetFromJsonAsync<JsonElement>($"/api/orders/{id}")).GetProperty("status").GetString() != "filled")
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the order fills");
                await Task.Delay(10);
            }

            var close = await first.Http.PostAsync("/api/positions/XAUUSD/close", new StringContent("{}", Encoding.UTF8, "application/json"));
            Assert.That(close.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            while ((await first.Http.GetFromJsonAsync<JsonElement>("/api/positions/history")).GetArrayLength() == 0 || (await first.Http.GetAsync("/api/positions/XAUUSD")).StatusCode == HttpStatusCode.OK)
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the position closes");
                await Task.Delay(10);
            }
        }

        await using var second = await BridgeProcess.StartAsync(port, store); // no engine now
        var history = await second.Http.GetFromJsonAsync<JsonElement>("/api/positions/history");
        Assert.That(history.EnumerateArray().Sum(t => t.GetProperty("quantity").GetDecimal()), Is.EqualTo(1m));
        Assert.That(history.EnumerateArray().All(t => t.GetProperty("symbol").GetString() == "XAUUSD"), Is.True);
        var audit = await second.Http.GetFromJsonAsync<JsonElement>("/api/audit");
        var commands = audit.EnumerateArray().Select(a => (a.GetProperty("command").GetString()!, a.GetProperty("status").GetInt32())).ToList();
        Assert.That(commands, Has.Some.Matches<(string Command, int Status)>(c => c.Command.StartsWith("SubmitOrder XAUUSD", StringComparison.Ordinal) && c.Status == 200));
        Assert.That(commands, Has.Some.Matches<(string Command, int Status)>(c => c.Command.StartsWith("ClosePosition XAUUSD", StringComparison.Ordinal)));
        Assert.That((await second.Http.GetAsync("/api/orders")).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "live order state needs the engine");
    }

    [Test]
    public async Task The_engines_latency_percentiles_reach_the_bridges_metrics()
    {
        var port = Paths.FreePort();
        using var engine = new EngineProcess(_data, port, statusIntervalSeconds: 0.2);
        await using var bridge = await BridgeProcess.StartAsync(port);
        await bridge.WaitForEngineAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string metrics;
        do
        {
            await Task.Delay(50);
            metrics = await bridge.Http.GetStringAsync("/metrics");
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "engine figures in /metrics: " + string.Join('\n', metrics.Split('\n').Where(l => l.StartsWith("ll_engine", StringComparison.Ordinal))));
        }
        while (!metrics.Contains("ll_engine_latency_microseconds{path=\"tick_to_routed\",quantile=\"0.5\"}", StringComparison.Ordinal) || TicksPerSecond(metrics) <= 0);

        // The figures sent on connecting (they say where prices come from) may precede the first tick: waited past above.
        var ticks = metrics.Split('\n').Single(l => l.StartsWith("ll_engine_ticks_per_second ", StringComparison.Ordinal));
        Assert.That(double.Parse(ticks.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), Is.Positive);
        Assert.That(metrics, Does.Contain("ll_bridge_engine_connected 1"));
        Assert.That(metrics, Does.Contain("ll_feed_connected{feed=\"simulator\",source=\"simulator\"} 1").And.Contain("ll_simulated_prices 1").And.Contain("ll_feed_messages{feed=\"simulator\",kind=\"rejects\"} 0"));
    }

    [Test]
    public async Task Empty_states_are_empty_arrays_and_zeros_and_an_emergency_stop_halts_and_flattens()
    {
        var port = Paths.FreePort();
        using var engine = new EngineProcess(_data, port);
        await using var bridge = await BridgeProcess.StartAsync(port);
        await bridge.WaitForEngineAsync();
        foreach (var path in new[] { "/api/positions", "/api/positions/history", "/api/orders" })
        {
            Assert.That((await bridge.Http.GetFromJsonAsync<JsonElement>(path)).GetArrayLength(), Is.Zero, path);
        }

        var summary = await bridge.Http.GetFromJsonAsync<JsonElement>("/api/portfolio/summary");
        Assert.That((summary.GetProperty("openPositions").GetInt32(), summary.GetProperty("totalPnL").GetDecimal()), Is.EqualTo((0, 0m)));
        var metrics = await bridge.Http.GetFromJsonAsync<JsonElement>("/api/risk/metrics");
        Assert.That((metrics.GetProperty("totalExposure").GetDouble(), metrics.GetProperty("utilizationPercent").GetDouble()), Is.EqualTo((0.0, 0.0)));
        Assert.That((await bridge.Http.GetAsync("/api/positions/BTC-USD")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "no position: 404 problem");

        var order = await bridge.Http.PostAsync("/api/orders", new StringContent("""{"symbol":"EURUSD","side":"SELL","quantity":1000}""", Encoding.UTF8, "application/json"));
        Assert.That(order.StatusCode, Is.EqualTo(HttpStatusCode.OK), await order.Content.ReadAsStringAsync());
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await bridge.Http.GetAsync("/api/positions/EURUSD")).StatusCode != HttpStatusCode.OK)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the position opens");
            await Task.Delay(10);
        }

        var stop = await bridge.Http.PostAsync("/api/trading/emergency-stop", new StringContent("""{"flatten":true}""", Encoding.UTF8, "application/json"));
        var body = await stop.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(stop.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That((body.GetProperty("state").GetProperty("state").GetString(), body.GetProperty("state").GetProperty("kill_switch").GetBoolean()), Is.EqualTo(("halted", true)));
        while ((await bridge.Http.GetFromJsonAsync<JsonElement>("/api/positions")).GetArrayLength() != 0)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "flattened");
            await Task.Delay(10);
        }

        var refused = await bridge.Http.PostAsync("/api/orders", new StringContent("""{"symbol":"EURUSD","side":"BUY","quantity":1000}""", Encoding.UTF8, "application/json"));
        Assert.That((int)refused.StatusCode, Is.EqualTo(422), "halted: the risk checks refuse new orders");
        Assert.That((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), Does.Contain("KillSwitch"));

        // Start and resume never lift the halt; clear-halt does, into stopped, and the audit trail says who.
        foreach (var path in new[] { "/api/trading/start", "/api/trading/resume" })
        {
            var again = await bridge.Http.PostAsync(path, new StringContent("{}", Encoding.UTF8, "application/json"));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), path);
            Assert.That(await again.Content.ReadAsStringAsync(), Does.Contain("clear-halt"));
        }

        var cleared = await bridge.Http.PostAsync("/api/trading/clear-halt", new StringContent("", Encoding.UTF8, "application/json"));
        var clearedBody = await cleared.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(cleared.StatusCode, Is.EqualTo(HttpStatusCode.OK), clearedBody.ToString());
        Assert.That((clearedBody.GetProperty("state").GetProperty("state").GetString(), clearedBody.GetProperty("state").GetProperty("kill_switch").GetBoolean(), clearedBody.GetProperty("state").GetProperty("state_reason").GetString()),
            Is.EqualTo(("stopped", false, "HaltCleared")));
        Assert.That((await bridge.Http.PostAsync("/api/trading/start", new StringContent("", Encoding.UTF8, "application/json"))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var audit = await bridge.Http.GetFromJsonAsync<JsonElement>("/api/audit");
        Assert.That(audit.EnumerateArray().Any(a => a.GetProperty("command").GetString() == "ClearHalt" && a.GetProperty("path").GetString() == "/api/trading/clear-halt" && a.GetProperty("status").GetInt32() == 200), Is.True, audit.ToString());
    }

    [Test]
    public async Task The_engines_strategy_signals_reach_the_signals_route()
    {
        // Three days of BTC ticks replayed as fast as possible through the shipped strategies: MAMA/FAMA crosses on 1m bars.
        var csv = await WriteBtcTicks();
        var port = Paths.FreePort();
        using var engine = new EngineProcess(_data, port, adjust: c => c with
        {
            Strategies = Paths.Config("strategies"),
            Feed = new LowLatency.Engine.Host.Configuration.FeedConfig { Type = "csv", Path = csv, Symbol = "BTC-USD", Speed = 0 },
        });
        await using var bridge = await BridgeProcess.StartAsync(port);
        await bridge.WaitForEngineAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement signals;
        do
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "a live engine signal");
            await Task.Delay(50);
            signals = await bridge.Http.GetFromJsonAsync<JsonElement>("/api/signals/BTCUSDT");
        }
        while (!signals.EnumerateArray().Any(s => s.GetProperty("message").GetString()!.Contains("(engine, live)", StringComparison.Ordinal)));

        var live = signals.EnumerateArray().Last();
        Assert.That(live.GetProperty("symbol").GetString(), Is.EqualTo("BTCUSDT"));
        Assert.That(live.GetProperty("signal").GetString(), Is.AnyOf("BUY", "SELL", "NEUTRAL", "CAUTION"));
        Assert.That(live.GetProperty("message").GetString(), Does.StartWith("mama-fama-btc"));
    }

    [Test]
    public async Task Minute_bars_that_close_while_no_bridge_is_connected_are_replayed_without_gaps_or_doubles()
    {
        const long start = 1_704_067_200_000; // the CSV's first tick: 2024-01-01 00:00 UTC
        var csv = await WriteBtcTicks();
        var port = Paths.FreePort();
        var bridgeData = Directory.CreateTempSubdirectory("ll-bridge-data-").FullName;
        using var engine = new EngineProcess(_data, port, adjust: c => c with
        {
            Feed = new LowLatency.Engine.Host.Configuration.FeedConfig { Type = "csv", Path = csv, Symbol = "BTC-USD", Speed = 900 }, // 15 minutes of ticks a second
        });
        var board = engine.Host.Pipeline!.MinuteBars!.Closed;
        var btc = engine.Host.Pipeline.Registry.TryResolve("BTC-USD", out var instrument) ? instrument.Id : -1;
        long LastEngineMinute() => board.Read(btc, out var e) == 0 ? 0 : e.Bar.OpenTimeMs;

        await WaitForAsync(() => Task.FromResult(LastEngineMinute() >= start + (20 * 60_000)), "20 minutes of bars with no bridge");
        await using (var first = await BridgeProcess.StartAsync(port, $"--Bridge:DataDirectory={bridgeData}"))
        {
            await first.WaitForEngineAsync();
            await WaitForAsync(async () => (await EngineMinutes(first.Http, start)).Count >= 40, "the first bridge's history from the first minute on");
        }

        var down = LastEngineMinute();
        await WaitForAsync(() => Task.FromResult(LastEngineMinute() >= down + (20 * 60_000)), "20 more minutes while no bridge is connected");
        await using var second = await BridgeProcess.StartAsync(port, $"--Bridge:DataDirectory={bridgeData}");
        await second.WaitForEngineAsync();
        await WaitForAsync(async () => (await EngineMinutes(second.Http, start)).LastOrDefault() >= down + (30 * 60_000), "the second bridge's history past the gap");

        var minutes = await EngineMinutes(second.Http, start);
        Assert.That(minutes[0], Is.EqualTo(start), "from the first minute the engine built, before any bridge was connected");
        Assert.That(minutes.Zip(minutes.Skip(1), (a, b) => b - a).Distinct(), Is.EqualTo(new[] { 60_000L }), "one bar a minute: no gap, no double");

        // The first hour was folded from replayed minutes: exact.
        var hours = await Candles(second.Http, "1h", start, start + 3_600_000);
        var hour = hours.Single(h => h.GetProperty("source").GetString() == "csv");
        var hourMinutes = (await Candles(second.Http, "1m", start, start + 3_600_000)).Where(m => Time(m) < start + 3_600_000).ToList();
        Assert.That(hourMinutes, Has.Count.EqualTo(60));
        Assert.That(hour.GetProperty("open").GetDouble(), Is.EqualTo(hourMinutes[0].GetProperty("open").GetDouble()));
        Assert.That(hour.GetProperty("close").GetDouble(), Is.EqualTo(hourMinutes[^1].GetProperty("close").GetDouble()));
        Assert.That(hour.GetProperty("high").GetDouble(), Is.EqualTo(hourMinutes.Max(m => m.GetProperty("high").GetDouble())));
        Assert.That(hour.GetProperty("volume").GetDouble(), Is.EqualTo(hourMinutes.Sum(m => m.GetProperty("volume").GetDouble())).Within(1e-9));
        Assert.That(engine.Host.Link!.BarsReplayed, Is.GreaterThanOrEqualTo(40), "the engine replayed its history to each bridge");
    }

    private static double TicksPerSecond(string metrics) =>
        metrics.Split('\n').FirstOrDefault(l => l.StartsWith("ll_engine_ticks_per_second ", StringComparison.Ordinal)) is { } line
            ? double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) : 0;

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"timed out waiting for {what}");
            await Task.Delay(25);
        }
    }

    private static async Task<List<JsonElement>> Candles(HttpClient http, string timeframe, long fromMs, long toMs)
    {
        var from = DateTimeOffset.FromUnixTimeMilliseconds(fromMs);
        var to = DateTimeOffset.FromUnixTimeMilliseconds(toMs);
        var response = await http.PostAsync("/api/market-data/BTC-USD", new StringContent(
            $$"""{"timeframe":"{{timeframe}}","startDate":"{{from:yyyy-MM-ddTHH:mm:ssZ}}","endDate":"{{to:yyyy-MM-ddTHH:mm:ssZ}}"}""", Encoding.UTF8, "application/json"));
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    /// <summary>Open times of the engine-built one-minute bars stored from <paramref name="fromMs"/> on (the next three hours).</summary>
    private static async Task<List<long>> EngineMinutes(HttpClient http, long fromMs) =>
        [.. (await Candles(http, "1m", fromMs, fromMs + (3 * 3_600_000))).Where(c => c.GetProperty("source").GetString() == "csv").Select(Time)];

    private static long Time(JsonElement candle) =>
        DateTimeOffset.Parse(candle.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    /// <summary>Three days of BTC ticks from 2024-01-01, one every 2 s, as the CSV replay feed reads them.</summary>
    private async Task<string> WriteBtcTicks()
    {
        var csv = Path.Combine(_data, "btc.csv");
        var random = new Random(5);
        var lines = new List<string> { "timestamp,bid,ask,last,size" };
        var price = 60_000.0;
        for (var t = 1_704_067_200_000L; t < 1_704_067_200_000L + (3 * 86_400_000L); t += 2_000)
        {
            price *= 1 + ((random.NextDouble() - 0.5) * 0.002);
            var bid = Math.Round(price, 2);
            lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{t},{bid:F2},{bid + 0.5:F2},{bid:F2},0.1"));
        }

        await File.WriteAllLinesAsync(csv, lines);
        return csv;
    }

    [Test]
    public async Task The_engines_minute_bars_become_history_and_higher_timeframes_are_their_folds()
    {
        var csv = await WriteBtcTicks();
        var port = Paths.FreePort();
        using var engine = new EngineProcess(_data, port, adjust: c => c with
        {
            Feed = new LowLatency.Engine.Host.Configuration.FeedConfig { Type = "csv", Path = csv, Symbol = "BTC-USD", Speed = 900 }, // 15 minutes of ticks a second
        });
        await using var bridge = await BridgeProcess.StartAsync(port);
        await bridge.WaitForEngineAsync();
        const string range = "\"startDate\":\"2024-01-01\",\"endDate\":\"2024-01-04\"";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement hours;
        do
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "engine bars in the history");
            await Task.Delay(100);
            var response = await bridge.Http.PostAsync("/api/market-data/BTC-USD", new StringContent($"{{\"timeframe\":\"1h\",{range}}}", Encoding.UTF8, "application/json"));
            hours = await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        while (hours.EnumerateArray().Count(h => h.GetProperty("source").GetString() == "csv") < 3);

        var hour = hours.EnumerateArray().Where(h => h.GetProperty("source").GetString() == "csv").Skip(1).First();
        var start = DateTimeOffset.Parse(hour.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var minutesResponse = await bridge.Http.PostAsync("/api/market-data/BTC-USD", new StringContent(
            $$"""{"timeframe":"1m","startDate":"{{start:yyyy-MM-ddTHH:mm:ssZ}}","endDate":"{{start.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}}"}""", Encoding.UTF8, "application/json"));
        var minutes = (await minutesResponse.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.That(minutes, Has.Count.EqualTo(60));
        Assert.That(minutes.All(m => m.GetProperty("source").GetString() == "csv"), Is.True);
        Assert.That(hour.GetProperty("open").GetDouble(), Is.EqualTo(minutes[0].GetProperty("open").GetDouble()));
        Assert.That(hour.GetProperty("close").GetDouble(), Is.EqualTo(minutes[^1].GetProperty("close").GetDouble()));
        Assert.That(hour.GetProperty("high").GetDouble(), Is.EqualTo(minutes.Max(m => m.GetProperty("high").GetDouble())));
        Assert.That(hour.GetProperty("low").GetDouble(), Is.EqualTo(minutes.Min(m => m.GetProperty("low").GetDouble())));
        Assert.That(hour.GetProperty("volume").GetDouble(), Is.EqualTo(minutes.Sum(m => m.GetProperty("volume").GetDouble())).Within(1e-9));
        Assert.That(minutes.Sum(m => m.GetProperty("volume").GetDouble()), Is.EqualTo(0.1 * 30 * 60).Within(1e-9), "every tick of the hour counted (30 a minute × 0.1)");
    }
}
