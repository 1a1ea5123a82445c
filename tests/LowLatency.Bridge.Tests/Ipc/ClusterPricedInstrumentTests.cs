using LowLatency.Analytics;
using LowLatency.Bridge.Engine;
using LowLatency.Bridge.Realtime;
using LowLatency.Bridge.Storage;
using LowLatency.Bridge.Tests.Support;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Bridge.Tests.Ipc;

/// <summary>
/// A cluster bridge's instrument owned by another shard (<see cref="PriceSourceMap.PriceFromCluster"/>): shown at its
/// owner's marks with the owner's source and staleness; the linked engine's quotes and closed bars of it are dropped,
/// while its own instruments keep the engine's.
/// </summary>
public sealed class ClusterPricedInstrumentTests
{
    [Test]
    public async Task An_instrument_priced_by_its_owner_shows_the_owners_marks_and_drops_the_linked_engines_quotes_and_bars()
    {
        var registry = InstrumentRegistry.Load(Paths.Config("instruments.json"));
        var data = Directory.CreateTempSubdirectory("ll-cluster-priced-").FullName;
        try
        {
            await using var store = new BridgeStore(Path.Combine(data, "history.db"), NullLogger<BridgeStore>.Instance);
            await using var bars = new LowLatency.History.BarWriteQueue(new LowLatency.History.SqliteBarStore(Path.Combine(data, "history.db")), NullLogger.Instance);
            using var hub = new RealtimeHub(new RealtimeOptions());
            var model = new ReadModel(registry, new AccountOptions(), new CommandTracker(), hub, new HistoryProjection(store, bars, registry));
            var (btc, eth) = (registry.TryResolve("BTC-USD", out var b) ? b : throw new InvalidOperationException(), registry.TryResolve("ETH-USD", out var e) ? e : throw new InvalidOperationException());
            model.Sources.PriceFromCluster([eth.Id]);
            const long T = 1_704_067_200_000;

            model.OnQuote(new Tick { InstrumentId = btc.Id, TimestampMs = T, BidTicks = 6_000_000, AskTicks = 6_000_100 });
            model.OnQuote(new Tick { InstrumentId = eth.Id, TimestampMs = T, BidTicks = 300_000, AskTicks = 300_010 });
            Assert.That(model.Price(btc.Id), Is.Not.Null, "the engine's own instrument");
            Assert.That(model.Price(eth.Id), Is.Null, "the engine's quote of another shard's instrument is not shown");

            model.OnClusterMark(new MarkSnapshot { Symbol = "ETH-USD", BidTicks = 310_000, AskTicks = 310_020, TimeMs = T + 5, Source = PriceSources.Binance, Stale = true });
            model.OnClusterMark(new MarkSnapshot { Symbol = "BTC-USD", BidTicks = 1, AskTicks = 2, TimeMs = T + 5, Source = PriceSources.Simulator });
            var ethPrice = model.Price(eth.Id)!.Value;
            Assert.Multiple(() =>
            {
                Assert.That((ethPrice.Bid, ethPrice.Ask, ethPrice.TimestampMs), Is.EqualTo((310_000 * eth.TickSize, 310_020 * eth.TickSize, T + 5)), "the owner's mark");
                Assert.That(ethPrice.Source, Is.EqualTo(PriceSources.Binance), "labelled with the owner's source");
                Assert.That(model.Sources.Stale(["BTC-USD"]), Is.EqualTo(new[] { "BTC-USD", "ETH-USD" }), "BTC's staleness is the engine's word, ETH's its owner's");
                Assert.That(model.Sources.Stale([]), Is.EqualTo(new[] { "ETH-USD" }), "though the engine holds nothing stale");
                Assert.That(model.Price(btc.Id)!.Value.Bid, Is.EqualTo(6_000_000 * btc.TickSize), "a mark of the engine's own instrument changes nothing");
                Assert.That(model.Sources.Simulated, Is.False, "no instrument shown is simulated");
            });

            model.OnBar(btc.Id, new OhlcvBar(T, 60_000, 60_010, 59_990, 60_005, 3));
            model.OnBar(eth.Id, new OhlcvBar(T, 3_000, 3_001, 2_999, 3_000, 3));
            await bars.FlushAsync();
            Assert.That(bars.Store.Newest(Timeframe.M1, PriceSources.Imported).Keys, Is.EquivalentTo(new[] { "BTC-USD" }), "only the engine's own instrument's bar reaches the history");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
