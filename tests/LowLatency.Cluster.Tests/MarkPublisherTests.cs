using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using LowLatency.Engine.State;
using LowLatency.EventStream;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// A shard's marks on the board: its own instruments' latest quotes with their source and staleness, put when the
/// quote changed or when only its staleness did, and not again while neither changes.
/// </summary>
public sealed class MarkPublisherTests
{
    private static InstrumentRegistry Registry { get; } = InstrumentRegistry.Load(Path.Combine(ShardEngine.Root, "config", "instruments.json"));

    [Test]
    public async Task A_mark_carries_its_source_and_staleness_and_is_put_again_when_only_its_staleness_changes()
    {
        using var nats = new NatsServer();
        var (btc, eth) = (Registry.TryResolve("BTC-USD", out var b) ? b.Id : -1, Registry.TryResolve("ETH-USD", out var e) ? e.Id : -1);
        var quotes = new LatestValues<Tick>(Registry.Count);
        var sources = new string?[Registry.Count];
        sources[btc] = PriceSources.Binance;
        var stale = false;
        await using var publisher = new MarkPublisher(nats.Url, "s1", Registry, [btc], quotes, TimeSpan.FromMilliseconds(20), sources, id => Volatile.Read(ref stale) && id == btc, NullLogger.Instance);
        quotes.Write(btc, new Tick { InstrumentId = btc, TimestampMs = 1_000, BidTicks = 6_000_000, AskTicks = 6_000_100 });
        quotes.Write(eth, new Tick { InstrumentId = eth, TimestampMs = 1_000, BidTicks = 300_000, AskTicks = 300_010 }); // not this shard's
        publisher.Start();

        await using var connection = new NatsConnection(new NatsOpts { Url = nats.Url });
        var kv = new NatsKVContext(new NatsJSContext(connection));
        async Task<MarkSnapshot?> BoardAsync(int id)
        {
            try
            {
                var store = await kv.GetStoreAsync(MarkBoard.Bucket);
                return MarkBoard.Decode((await store.GetEntryAsync<byte[]>(MarkBoard.Key("s1", id))).Value);
            }
            catch (NatsKVException)
            {
                return null; // the bucket or the key not there yet
            }
        }

        Eventually.Until(() => publisher.Published == 1, "the quote put");
        var first = await BoardAsync(btc);
        Assert.That(first, Is.EqualTo(new MarkSnapshot { Symbol = "BTC-USD", BidTicks = 6_000_000, AskTicks = 6_000_100, TimeMs = 1_000, Source = PriceSources.Binance, Stale = false }));
        Assert.That(await BoardAsync(eth), Is.Null, "another shard's instrument is not this shard's to put");

        Volatile.Write(ref stale, true); // no new quote, and the risk checks now hold the prices stale
        Eventually.Until(() => publisher.Published == 2, "the staleness put");
        Assert.That(await BoardAsync(btc), Is.EqualTo(first! with { Stale = true }), "the same quote, now stale");

        var putsBefore = publisher.Published;
        await Task.Delay(200); // ten intervals with nothing new: a bounded wait for puts that must not happen
        Assert.That(publisher.Published, Is.EqualTo(putsBefore), "nothing changed, nothing put");

        quotes.Write(btc, new Tick { InstrumentId = btc, TimestampMs = 2_000, BidTicks = 6_000_500, AskTicks = 6_000_600 });
        Volatile.Write(ref stale, false);
        Eventually.Until(() => publisher.Published == putsBefore + 1, "the fresh quote put");
        Assert.That(await BoardAsync(btc), Is.EqualTo(first! with { BidTicks = 6_000_500, AskTicks = 6_000_600, TimeMs = 2_000 }));
    }
}
