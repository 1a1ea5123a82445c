using System.Text;
using LowLatency.Binance;
using LowLatency.BinanceEmulator;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>Binance's documented depth payloads (spot "Diff. Depth Stream", USDⓈ-M "Diff. Book Depth Streams", REST "Order book") are the fixtures.</summary>
public sealed class DepthMessageReaderTests
{
    internal const string SpotDiff = """{"e":"depthUpdate","E":1672515782136,"s":"BNBBTC","U":157,"u":160,"b":[["0.0024","10"]],"a":[["0.0026","100"]]}""";
    internal const string FuturesDiff = """{"e":"depthUpdate","E":123456789,"T":123456788,"s":"BTCUSDT","U":157,"u":160,"pu":149,"b":[["0.0024","10"]],"a":[["0.0026","100"]]}""";
    internal const string Snapshot = """{"lastUpdateId":1027024,"bids":[["4.00000000","431.00000000"]],"asks":[["4.00000200","12.00000000"]]}""";

    private readonly DepthLevel[] _levels = new DepthLevel[16];

    [Test]
    public void A_spot_diff_reads_its_ids_and_exact_levels()
    {
        Assert.That(DepthMessageReader.TryReadDiff(Encoding.UTF8.GetBytes(SpotDiff), _levels, out var update, out var count, out var error), Is.True, error);
        Assert.That(update, Is.EqualTo(new DepthUpdate(157, 160, -1, 1672515782136)));
        Assert.That(_levels[..count], Is.EqualTo(new[] { new DepthLevel(true, 0.0024m, 10m), new DepthLevel(false, 0.0026m, 100m) }));
    }

    [Test]
    public void A_futures_diff_reads_the_previous_final_update_id()
    {
        Assert.That(DepthMessageReader.TryReadDiff(Encoding.UTF8.GetBytes(FuturesDiff), _levels, out var update, out _, out var error), Is.True, error);
        Assert.That(update.PreviousFinalUpdateId, Is.EqualTo(149));
    }

    [Test]
    public void A_combined_stream_envelope_is_looked_through()
    {
        var wrapped = $$"""{"stream":"bnbbtc@depth@100ms","data":{{SpotDiff}}}""";
        Assert.That(DepthMessageReader.TryReadDiff(Encoding.UTF8.GetBytes(wrapped), _levels, out var update, out var count, out var error), Is.True, error);
        Assert.That((update.FirstUpdateId, update.FinalUpdateId, count), Is.EqualTo((157L, 160L, 2)));
    }

    [Test]
    public void A_snapshot_reads_its_last_update_id_and_levels()
    {
        Assert.That(DepthMessageReader.TryReadSnapshot(Encoding.UTF8.GetBytes(Snapshot), _levels, out var last, out var count, out var error), Is.True, error);
        Assert.That(last, Is.EqualTo(1027024));
        Assert.That(_levels[..count], Is.EqualTo(new[] { new DepthLevel(true, 4m, 431m), new DepthLevel(false, 4.000002m, 12m) }));
    }

    [TestCase("", "malformed JSON")]
    [TestCase("[1,2]", "not a JSON object")]
    [TestCase("""{"e":"depthUpdate","U":157,"u":160,"b":[["0.0024","10"]""", "malformed JSON")]
    [TestCase("""{"e":"trade","U":157,"u":160,"b":[],"a":[]}""", "not a depthUpdate event")]
    [TestCase("""{"e":"depthUpdate","U":160,"u":157,"b":[],"a":[]}""", "out of order")]
    [TestCase("""{"e":"depthUpdate","u":160,"b":[],"a":[]}""", "missing")]
    [TestCase("""{"e":"depthUpdate","U":157,"u":160,"b":[[0.0024,"10"]],"a":[]}""", "decimal strings")]
    [TestCase("""{"e":"depthUpdate","U":157,"u":160,"b":[["-1","10"]],"a":[]}""", "positive price")]
    [TestCase("""{"e":"depthUpdate","U":157,"u":160,"b":[["1","-10"]],"a":[]}""", "decimal strings")]
    [TestCase("""{"e":"depthUpdate","U":157,"u":160,"b":[["1","10","x"]],"a":[]}""", "decimal strings")]
    [TestCase("""{"e":"depthUpdate","U":157,"u":160,"b":[["NaN","10"]],"a":[]}""", "decimal strings")]
    [TestCase("""{"e":"depthUpdate","U":157,"u":160,"b":{},"a":[]}""", "not an array")]
    public void A_malformed_diff_is_refused_with_the_reason(string json, string reason)
    {
        Assert.That(DepthMessageReader.TryReadDiff(Encoding.UTF8.GetBytes(json), _levels, out _, out _, out var error), Is.False);
        Assert.That(error, Does.Contain(reason));
    }

    [Test]
    public void More_levels_than_the_array_holds_are_refused_not_truncated()
    {
        Assert.That(DepthMessageReader.TryReadSnapshot(Encoding.UTF8.GetBytes(Snapshot), new DepthLevel[1], out _, out _, out var error), Is.False);
        Assert.That(error, Does.Contain("more than 1 levels"));
    }

    [Test]
    public void A_snapshot_without_its_id_is_refused()
    {
        Assert.That(DepthMessageReader.TryReadSnapshot("""{"bids":[],"asks":[]}"""u8, _levels, out _, out _, out var error), Is.False);
        Assert.That(error, Is.EqualTo("no lastUpdateId"));
    }

    [Test]
    public void Reading_a_diff_allocates_nothing()
    {
        var json = Encoding.UTF8.GetBytes(FuturesDiff);
        for (var pass = 0; pass < 2; pass++)
        {
            // The first pass lets the runtime tier the loop up (its compilation allocates on this thread); the second is measured.
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10_000; i++)
            {
                DepthMessageReader.TryReadDiff(json, _levels, out _, out _, out _);
            }

            if (pass == 1)
            {
                Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
            }
        }
    }
}
