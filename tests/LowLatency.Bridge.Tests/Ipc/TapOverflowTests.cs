using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using LowLatency.Bridge.Engine;
using LowLatency.Bridge.Realtime;
using LowLatency.Bridge.Storage;
using LowLatency.Bridge.Tests.Support;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Ipc.Client;
using LowLatency.Ipc.Server;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Bridge.Tests.Ipc;

/// <summary>
/// The trading thread never waits for the link: with a tiny tap, bursts of records are dropped. The link must
/// notice, rebuild its view from a snapshot taken on the trading thread, and bring the bridge to the exact state.
/// This test's thread is the trading thread.
/// </summary>
public sealed class TapOverflowTests
{
    [Test]
    public async Task Dropped_records_are_recovered_through_a_snapshot_and_the_bridge_ends_exactly_equal()
    {
        var registry = InstrumentRegistry.Load(Paths.Config("instruments.json"));
        var pipeline = new TradingPipeline(registry, [], new AccountOptions(), new RiskLimits { MaxOrdersPerSecond = 100_000, MaxOpenPositions = 20 }, new PaperExchangeOptions { LatencyMs = 0, LatencyJitterMs = 0 }, measureLatency: false);
        var core = pipeline.Core;
        var tap = new EventTap(capacity: 8);
        core.AttachListener(tap);
        var commands = new ConcurrentQueue<Command>();
        using var server = new EngineLinkServer(new LinkOptions { Port = 0, QuoteRateHz = 1000 }, core, pipeline.Quotes, tap, c => { commands.Enqueue(c); return true; }, NullLogger.Instance, Paths.LinkSecret);
        server.Start();

        var data = Directory.CreateTempSubdirectory("ll-tap-").FullName;
        await using var store = new BridgeStore(Path.Combine(data, "history.db"), NullLogger<BridgeStore>.Instance);
        await using var bars = new LowLatency.History.BarWriteQueue(new LowLatency.History.SqliteBarStore(Path.Combine(data, "history.db")), NullLogger.Instance);
        using var hub = new RealtimeHub(new RealtimeOptions());
        var tracker = new CommandTracker();
        var model = new ReadModel(registry, new AccountOptions(), tracker, hub, new HistoryProjection(store, bars, registry));
        using var client = new EngineLinkClient(new IPEndPoint(IPAddress.Loopback, server.Port), model, NullLogger.Instance, () => Paths.LinkSecret);
        using var stop = new CancellationTokenSource();
        var linkLoop = client.RunAsync(stop.Token);

        var btc = registry.TryResolve("BTC-USD", out var instrument) ? instrument.Id : -1;
        long time = 1_704_067_200_000;
        long sequence = 0;
        var entry = default(EngineEvent);
        void Tick(long bid)
        {
            entry.SetTick(new Tick { InstrumentId = btc, TimestampMs = time += 10, BidTicks = bid, AskTicks = bid + 10, LastTicks = bid, SizeLots = 100_000 }, 0);
            pipeline.Process(ref entry, ++sequence, true);
        }

        void Execute(in Command command)
        {
            entry.SetCommand(command, time, 0);
            pipeline.Process(ref entry, ++sequence, true);
        }

        void ServeRequests()
        {
            while (commands.TryDequeue(out var command))
            {
                Execute(command);
            }
        }

        Tick(6_000_000);
        Execute(new Command { Type = CommandType.Start });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!client.Connected || model.Read(c => c.Sequence) != core.Sequence)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the bridge connects");
            ServeRequests();
            Tick(6_000_000);
            await Task.Delay(1);
        }

        // A burst far beyond the tap's 8 slots: orders, fills, closes.
        for (var i = 0; i < 300; i++)
        {
            Execute(new Command { Type = CommandType.SubmitOrder, InstrumentId = btc, Side = i % 3 == 0 ? Side.Sell : Side.Buy, OrderType = OrderType.Market, QuantityLots = 10 + i });
            Tick(6_000_000 + (i * 100));
        }

        Assert.That(tap.Dropped, Is.Positive, "the burst overflowed the tap");
        string Expected() => JsonSerializer.Serialize(core.Capture());
        string? Actual() => model.Read(c => JsonSerializer.Serialize(c.Capture()));
        while (Actual() != Expected())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"the bridge converges (engine {core.Sequence}, bridge {model.Read(c => c.Sequence)})");
            ServeRequests();
            await Task.Delay(5);
        }

        Assert.That(core.FillCount, Is.GreaterThan(100));
        await stop.CancelAsync();
        await linkLoop;
        Directory.Delete(data, recursive: true);
    }
}
