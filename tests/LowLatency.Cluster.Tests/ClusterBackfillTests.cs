using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LowLatency.BinanceEmulator;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// Backfills across bridges (<c>Bridge:Cluster:ServeFrontend</c>), from Binance's emulator (at
/// <c>LL_BINANCE_REST_URL</c>): a backfill waiting out a 429 on one bridge is polled and cancelled through the other,
/// and one whose bridge stops mid-job is run to its end by the other, into the cluster's bars.
/// </summary>
[NonParallelizable] // the exchange's address is an environment variable
public sealed class ClusterBackfillTests : IDisposable
{
    private PointedRestEmulator? _pointed;

    [SetUp]
    public void PointAtTheEmulator() => _pointed = new PointedRestEmulator();

    [TearDown]
    public void Dispose() => _pointed?.Dispose();

    private static async Task<string> StartAsync(ClusterBridge bridge, int minutes)
    {
        using var response = await bridge.Http.PostAsync("/api/history/backfill", new StringContent($$"""{"symbol":"BTC-USD","minutes":{{minutes}}}""", Encoding.UTF8, "application/json"));
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), started.ToString());
        return started.GetProperty("poll").GetString()!;
    }

    private static long Klines(BinanceRestEmulator exchange) => exchange.Requests.GetValueOrDefault("/api/v3/klines");

    private static JsonElement Poll(ClusterBridge bridge, string poll) => JsonDocument.Parse(bridge.Http.GetStringAsync(poll).GetAwaiter().GetResult()).RootElement.Clone();

    [Test]
    public async Task A_backfill_is_cancelled_through_another_bridge_and_one_whose_bridge_stops_is_finished_by_another()
    {
        await using var cluster = await FrontendCluster.StartAsync();
        var (a, b) = (cluster.A, cluster.B);

        _pointed!.Exchange.FailNext(429, retryAfterSeconds: 60, acted: false);
        var waiting = await StartAsync(a, 600);
        Eventually.Until(() => Poll(b, waiting).GetProperty("status").GetString() == "running", "b answers for a's backfill");
        using (var cancel = await b.Http.DeleteAsync(new Uri(waiting, UriKind.Relative)))
        {
            Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await cancel.Content.ReadAsStringAsync());
        }

        Eventually.Until(() => Poll(a, waiting).GetProperty("status").GetString() == "cancelled", "cancelled on a, while it waited out the 429");
        Eventually.Until(() => Poll(b, waiting).GetProperty("status").GetString() == "cancelled", "and so through b");
        using (var again = await b.Http.DeleteAsync(new Uri(waiting, UriKind.Relative)))
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "already cancelled");
        }

        // A fresh exchange, so that a's client there has no Retry-After of its own to wait out first.
        _pointed.Dispose();
        _pointed = new PointedRestEmulator();
        var exchange = _pointed.Exchange;
        exchange.FailNext(429, retryAfterSeconds: 60, acted: false);
        var asked = Klines(exchange);
        var orphan = await StartAsync(a, 1500);
        Eventually.Until(() => Poll(b, orphan).GetProperty("status").GetString() == "running", "b answers for a's second backfill");
        Eventually.Until(() => Klines(exchange) > asked, "a's request answered with the 429, which a now waits out");
        await cluster.StopAsync(a); // handed over: b runs it again from its request, without the 429
        JsonElement done = default;
        Eventually.Until(() => (done = Poll(b, orphan)).GetProperty("status").GetString() is "completed" or "failed", "finished by b");
        Assert.Multiple(() =>
        {
            Assert.That(done.GetProperty("status").GetString(), Is.EqualTo("completed"), done.ToString());
            Assert.That(done.GetProperty("bars").GetInt64(), Is.EqualTo(1500).Or.EqualTo(1501), "every minute, in the cluster's bars (and the one now is in, unless on its boundary)");
        });
    }
}
