using System.Globalization;
using System.Net;
using System.Text.Json;
using LowLatency.Engine.MarketData;
using LowLatency.EventStream;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// An instrument's prices across shards are its owner's (<c>Bridge:Cluster:ServeFrontend</c>): a bridge shows the
/// instruments its engine does not own at their owners' marks, labelled with the owner's source, through
/// <c>/api/market-data/{symbol}/latest</c>, the price feed and the status's price sources; both bridges settle on
/// the very quote the owner last put on the mark board.
/// </summary>
[NonParallelizable]
public sealed class ClusterPricesTests
{
    private static InstrumentRegistry Registry { get; } = InstrumentRegistry.Load(Path.Combine(ShardEngine.Root, "config", "instruments.json"));

    private static async Task<(HttpStatusCode Status, JsonElement Body)> LatestAsync(ClusterBridge bridge, string symbol)
    {
        using var response = await bridge.Http.GetAsync($"/api/market-data/{symbol}/latest");
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static JsonElement? Status(ClusterBridge bridge)
    {
        using var response = bridge.Http.GetAsync("/api/trading/status").GetAwaiter().GetResult();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()).RootElement.Clone() : null;
    }

    private static bool Priced(ClusterBridge bridge, string symbol) =>
        LatestAsync(bridge, symbol).GetAwaiter().GetResult() is (HttpStatusCode.OK, var body) && body.GetProperty("bid").GetDecimal() > 0;

    [Test]
    public async Task Both_bridges_price_every_instrument_at_its_owners_marks_labelled_with_its_source()
    {
        // Neither bridge is linked to an engine: every price it shows is an owner's mark.
        await using var cluster = await FrontendCluster.StartAsync();
        var (a, b) = (cluster.A, cluster.B);
        Eventually.Until(() => new[] { a, b }.All(x => Priced(x, "BTC-USD") && Priced(x, "BNBUSDT")), "s1's BTC-USD and s2's BNBUSDT priced through both bridges");

        foreach (var bridge in new[] { a, b })
        {
            var (_, latest) = await LatestAsync(bridge, "BNBUSDT");
            Assert.That((latest.GetProperty("symbol").GetString(), latest.GetProperty("source").GetString()), Is.EqualTo(("BNBUSDT", "simulator")), "the owner's source");
            Assert.That(latest.GetProperty("ask").GetDecimal(), Is.GreaterThan(latest.GetProperty("bid").GetDecimal()));
            var status = default(JsonElement);
            Eventually.Until(() => Status(bridge) is { } read && (status = read).ValueKind == JsonValueKind.Object, "the account's status from the read side");
            Assert.That(status.GetProperty("price_sources").GetProperty("BTC-USD").GetString(), Is.EqualTo("simulator"));
            Assert.That(status.GetProperty("price_sources").GetProperty("BNBUSDT").GetString(), Is.EqualTo("simulator"));
            Assert.That(status.GetProperty("simulated_prices").GetBoolean(), Is.True, "the owners simulate them");
            Assert.That(status.GetProperty("stale_instruments").GetArrayLength(), Is.Zero, "both owners' feeds are live");
            var health = JsonDocument.Parse(await bridge.Http.GetStringAsync("/api/health")).RootElement;
            Assert.That(health.GetProperty("engine_connected").GetBoolean(), Is.False);
            Assert.That(health.GetProperty("simulated_prices").GetBoolean(), Is.True, "the health says so too, with no engine linked");
            Assert.That(health.GetProperty("message").GetString(), Does.Contain("SIMULATED PRICES").And.Contain("BNBUSDT").And.Contain("BTC-USD"));
            Assert.That(health.GetProperty("stale_instruments").GetArrayLength(), Is.Zero);
        }

        using (var feed = await FeedClient.SubscribeToPricesAsync(b, "BTC-USD"))
        {
            var update = await FeedClient.NextAsync(feed, "price_update", d => d.GetProperty("symbol").GetString() == "BTC-USD");
            Assert.That(update, Is.Not.Null, "s1's prices on a client of bridge-b");
            Assert.That(JsonDocument.Parse(update!).RootElement.GetProperty("source").GetString(), Is.EqualTo("simulator"));
        }

        // s2 stops: its last mark stays on the board, and both bridges settle on exactly that quote.
        cluster.StopS2();
        var board = await BoardMarkAsync(cluster.Nats, "s2", "BNBUSDT");
        var bnb = Registry.TryResolve("BNBUSDT", out var i) ? i : throw new InvalidOperationException("BNBUSDT");
        var (bid, ask) = (board.BidTicks * bnb.TickSize, board.AskTicks * bnb.TickSize);
        Eventually.Until(() => new[] { a, b }.All(x => LatestAsync(x, "BNBUSDT").GetAwaiter().GetResult().Body is var l
            && l.GetProperty("bid").GetDecimal() == bid && l.GetProperty("ask").GetDecimal() == ask), $"both bridges at s2's last mark {bid.ToString(CultureInfo.InvariantCulture)}/{ask.ToString(CultureInfo.InvariantCulture)}");
        var (_, settled) = await LatestAsync(a, "BNBUSDT");
        Assert.That(DateTimeOffset.Parse(settled.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), Is.EqualTo(board.TimeMs), "the mark's own time");
    }

    /// <summary>What <paramref name="shard"/> last put on the mark board for <paramref name="symbol"/>.</summary>
    private static async Task<Engine.State.MarkSnapshot> BoardMarkAsync(NatsServer nats, string shard, string symbol)
    {
        await using var connection = new NatsConnection(new NatsOpts { Url = nats.Url });
        var store = await new NatsKVContext(new NatsJSContext(connection)).GetStoreAsync(MarkBoard.Bucket);
        var id = Registry.TryResolve(symbol, out var instrument) ? instrument.Id : throw new ArgumentException(symbol);
        var entry = await store.GetEntryAsync<byte[]>(MarkBoard.Key(shard, id));
        return MarkBoard.Decode(entry.Value) ?? throw new InvalidOperationException($"no mark of {symbol} from {shard}");
    }
}
