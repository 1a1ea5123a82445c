using LowLatency.Engine.MarketData;
using LowLatency.EventStream;

namespace LowLatency.Cluster.Tests;

/// <summary>The shard map: one owner per instrument, every symbol known, an empty map one shard owning all.</summary>
public sealed class ShardMapTests
{
    private static InstrumentRegistry Registry { get; } = InstrumentRegistry.Load(Path.Combine(ShardEngine.Root, "config", "instruments.json"));

    private static int Id(string symbol) => Registry.TryResolve(symbol, out var instrument) ? instrument.Id : throw new ArgumentException(symbol);

    [Test]
    public void Each_instrument_has_its_owner_and_the_others_none()
    {
        var map = new ShardMap(new Dictionary<string, IReadOnlyList<string>> { ["s2"] = ["BNB"], ["s1"] = ["BTC-USD", "ETHUSDT"] }, Registry);
        Assert.Multiple(() =>
        {
            Assert.That(map.Shards, Is.EqualTo(new[] { "s1", "s2" }));
            Assert.That((map.Owner(Id("BTC-USD")), map.Owner(Id("ETH-USD")), map.Owner(Id("BNBUSDT")), map.Owner(Id("EURUSD"))), Is.EqualTo(("s1", "s1", "s2", (string?)null)), "aliases resolve");
            Assert.That((map.Owns("s1", Id("BTC-USD")), map.Owns("s2", Id("BTC-USD")), map.Owns("s1", Id("EURUSD"))), Is.EqualTo((true, false, false)));
            Assert.That(map.Owner(-1), Is.Null, "an id out of range has no owner");
        });
    }

    [Test]
    public void An_empty_map_is_one_shard_owning_all() =>
        Assert.That(new ShardMap(new Dictionary<string, IReadOnlyList<string>>(), Registry).Owns("main", Id("US500")), Is.True);

    [TestCase("s1", "DOGE", "not an instrument")]
    [TestCase("s.1", "BTC-USD", "not a shard name")]
    public void A_bad_map_is_refused_with_the_reason(string shard, string symbol, string why) =>
        Assert.That(() => new ShardMap(new Dictionary<string, IReadOnlyList<string>> { [shard] = [symbol] }, Registry), Throws.ArgumentException.With.Message.Contains(why));

    [Test]
    public void An_instrument_in_two_shards_is_refused() =>
        Assert.That(() => new ShardMap(new Dictionary<string, IReadOnlyList<string>> { ["s1"] = ["BTC-USD"], ["s2"] = ["BTCUSDT"] }, Registry),
            Throws.ArgumentException.With.Message.Contains("in shard s1 and in shard s2"));
}
