using System.Diagnostics;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.EventStream;
using NATS.Client.Core;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// kill -9 of a shard: the engine as its own process takes orders over NATS, is SIGKILLed mid-run and started
/// again on its data directory; every order it acknowledged is on its journal stream afterwards, the stream is in
/// order and gap-free across both runs, and the restarted shard takes orders again.
/// </summary>
[NonParallelizable]
public sealed class ShardCrashTests
{
    private static readonly InstrumentRegistry Registry = InstrumentRegistry.Load(Path.Combine(ShardEngine.Root, "config", "instruments.json"));
    private string _data = "";

    [SetUp]
    public void CreateData() => _data = Directory.CreateTempSubdirectory("ll-crash-").FullName;

    [TearDown]
    public void DeleteData() => Directory.Delete(_data, recursive: true);

    private Process StartShard(NatsServer nats) => ShardProcess.Start(ShardEngine.Root, _data, nats.Url, "k1", ticksPerSecond: 500, maxOrdersPerSecond: 1000);

    /// <summary>A market order, retried while the shard is not up yet or has no price: the acknowledged order id.</summary>
    private static long Acknowledged(ShardCommandClient client, int i)
    {
        var command = new Command
        {
            Type = CommandType.SubmitOrder, InstrumentId = Registry.TryResolve("BTC-USD", out var btc) ? btc.Id : -1, Side = i % 2 == 0 ? Side.Buy : Side.Sell,
            OrderType = OrderType.Market, TimeInForce = TimeInForce.Ioc, QuantityLots = 10 + i,
        };
        var result = default(CommandResult);
        Eventually.Until(() =>
        {
            try
            {
                result = client.SendAsync("k1", command, TimeSpan.FromSeconds(5), CancellationToken.None).GetAwaiter().GetResult();
                return result.Reason != RejectReason.NoMarketData;
            }
            catch (ShardCommandException)
            {
                return false; // the shard's process is still starting
            }
        }, "the shard answers");
        Assert.That(result.Reason, Is.EqualTo(RejectReason.None));
        return result.OrderId;
    }

    private static bool OnStream(NatsServer nats, long orderId)
    {
        try
        {
            return StreamRecords.ReadAsync(nats.Url, "k1").GetAwaiter().GetResult().Any(r => r.Type == RecordType.OrderAccepted && r.OrderId == orderId);
        }
        catch (NATS.Client.JetStream.NatsJSApiException)
        {
            return false; // the shard's publisher has not created its stream yet
        }
    }

    [Test]
    public async Task Every_order_a_shard_acknowledged_before_its_kill_9_is_on_its_stream_after_the_restart()
    {
        using var nats = new NatsServer();
        await using var connection = new NatsConnection(new NatsOpts { Url = nats.Url });
        var client = new ShardCommandClient(connection, new ShardMap(new Dictionary<string, IReadOnlyList<string>>(), Registry), "k1");
        var acknowledged = new List<long>();
        var first = StartShard(nats);
        try
        {
            for (var i = 0; i < 12; i++)
            {
                acknowledged.Add(Acknowledged(client, i));
            }
        }
        finally
        {
            first.Kill(entireProcessTree: true); // SIGKILL, straight after the last answer
            first.WaitForExit(10_000);
            first.Dispose();
        }

        var second = StartShard(nats);
        try
        {
            for (var i = 12; i < 18; i++)
            {
                acknowledged.Add(Acknowledged(client, i));
            }

            Eventually.Until(() => OnStream(nats, acknowledged[^1]), "the last order on the stream");
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            second.WaitForExit(10_000);
            second.Dispose();
        }

        var records = await StreamRecords.ReadAsync(nats.Url, "k1");
        Assert.Multiple(() =>
        {
            Assert.That(records.Select(r => r.Sequence), Is.EqualTo(Enumerable.Range(1, records.Count).Select(s => (long)s)), "in order, gap-free and each once across the kill");
            Assert.That(acknowledged.Distinct().Count(), Is.EqualTo(acknowledged.Count), "the restarted shard numbers on from the journal");
            Assert.That(acknowledged.Where(id => !records.Any(r => r.Type == RecordType.OrderAccepted && r.OrderId == id)), Is.Empty, "no acknowledged order lost");
        });
    }
}
