using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.EventStream;
using NATS.Client.Core;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// Two whole engines as shards of one map on a real NATS: each order reaches the shard that owns its instrument by
/// request/reply and is answered with the engine's result; a shard refuses another's instrument, a malformed
/// request and an unserved shard are clear errors, and an accepted order is on its shard's journal stream.
/// </summary>
public sealed class ShardCommandTests
{
    private static readonly Dictionary<string, IReadOnlyList<string>> Shards = new() { ["s1"] = ["BTC-USD", "ETH-USD"], ["s2"] = ["BNBUSDT"] };

    private static ShardEngine Shard(NatsServer nats, string shard) =>
        ShardEngine.Owning(new ClusterConfig { Nats = nats.Url, Shard = shard, Shards = Shards }, journalTicks: false); // the stream holds the orders alone

    private static Command Market(string symbol) => new()
    {
        Type = CommandType.SubmitOrder, CorrelationId = 77, InstrumentId = Registry.TryResolve(symbol, out var instrument) ? instrument.Id : -1,
        Side = Side.Buy, OrderType = OrderType.Market, TimeInForce = TimeInForce.Ioc, QuantityLots = 1,
    };

    private static InstrumentRegistry Registry { get; } = InstrumentRegistry.Load(Path.Combine(ShardEngine.Root, "config", "instruments.json"));

    /// <summary>Sends until the shard has a price to trade on (its feed's first ticks), bounded.</summary>
    private static CommandResult Accepted(ShardCommandClient client, Command command)
    {
        var result = default(CommandResult);
        Eventually.Until(() =>
        {
            result = client.SendAsync(command, TimeSpan.FromSeconds(5), CancellationToken.None).GetAwaiter().GetResult();
            return result.Reason != RejectReason.NoMarketData;
        }, "a price to trade on");
        Assert.That(result.Reason, Is.EqualTo(RejectReason.None), $"{command.InstrumentId}: {result.Reason}");
        return result;
    }

    private static bool OnStream(NatsServer nats, string shard, long orderId, string symbol) =>
        StreamRecords.ReadAsync(nats.Url, shard).GetAwaiter().GetResult().Any(r => r.OrderId == orderId && r.InstrumentId == Market(symbol).InstrumentId);

    [Test]
    public async Task Each_order_reaches_the_shard_that_owns_its_instrument_and_is_answered()
    {
        using var nats = new NatsServer();
        using var s1 = Shard(nats, "s1");
        using var s2 = Shard(nats, "s2");
        await using var connection = new NatsConnection(new NatsOpts { Url = nats.Url });
        var client = new ShardCommandClient(connection, new ShardMap(Shards, Registry), "s1");

        var btc = Accepted(client, Market("BTC-USD"));
        var bnb = Accepted(client, Market("BNBUSDT"));
        Assert.Multiple(() =>
        {
            Assert.That((btc.CorrelationId, btc.Type), Is.EqualTo((77L, CommandType.SubmitOrder)), "the requester's own correlation id back");
            Assert.That(btc.OrderId, Is.GreaterThan(0));
            Assert.That(bnb.OrderId, Is.GreaterThan(0));
        });
        Eventually.Until(() => OnStream(nats, "s1", btc.OrderId, "BTC-USD"), "the BTC order on s1's stream");
        Eventually.Until(() => OnStream(nats, "s2", bnb.OrderId, "BNBUSDT"), "the BNB order on s2's stream");
        Assert.That(OnStream(nats, "s2", btc.OrderId, "BTC-USD"), Is.False, "nothing of s1's on s2");

        var foreign = await Assert.ThrowsAsync<ShardCommandException>(() => client.SendAsync("s1", Market("BNBUSDT"), TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.That(foreign!.Message, Does.Contain("not traded by shard s1").And.Contain("its owner: s2"));
        var unserved = await Assert.ThrowsAsync<ShardCommandException>(() => client.SendAsync("s9", Market("BTC-USD"), TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.That(unserved!.Message, Does.Contain("no engine serves shard s9"));

        var malformed = await connection.RequestAsync<byte[], byte[]>(JournalStreamNames.Commands("s1"), [1, 2, 3]);
        Assert.That(malformed.Headers?[CommandHeaders.Error].ToString(), Does.Contain("not a command: 3 bytes"));
        Assert.That(Accepted(client, Market("ETH-USD")).OrderId, Is.GreaterThan(btc.OrderId), "the shard still serves after the bad requests");
    }
}
