using System.Globalization;
using System.Text;
using LowLatency.Analytics;
using LowLatency.Engine.Host;
using LowLatency.Engine.Host.Commands;
using LowLatency.Engine.MarketData;
using LowLatency.History;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// The bar history in PostgreSQL behind the same interface as SQLite: the same writes give the same answers from
/// both (the write rule included, within a batch and across batches); an import into the cluster's database is
/// served alike by every bridge; bars queued while PostgreSQL is down are written when it returns, none lost.
/// </summary>
public sealed class BarStoreTests
{
    private const long Day = 86_400_000;
    private const long Start = 1_704_067_200_000; // 2024-01-01
    private string _data = "";

    [SetUp]
    public void CreateData() => _data = Directory.CreateTempSubdirectory("ll-bars-").FullName;

    [TearDown]
    public void DeleteData() => Directory.Delete(_data, recursive: true);

    private static OhlcvBar Bar(long openTimeMs, double close) => new(openTimeMs, close - 1, close + 2, close - 3, close, 10);

    private static BarWrite Write(string symbol, long slot, double close, string source, Timeframe timeframe = Timeframe.D1) =>
        new(symbol, timeframe, Bar(Start + (slot * Day), close), source);

    [Test]
    public void The_same_writes_give_the_same_answers_from_SQLite_and_PostgreSQL()
    {
        using var postgres = new PostgresServer();
        using var sqlite = new SqliteBarStore(Path.Combine(_data, "history.db"));
        using var shared = new PostgresBarStore(postgres.ConnectionString);
        List<List<BarWrite>> batches =
        [
            [Write("XAUUSD", 0, 100, PriceSources.Simulator), Write("XAUUSD", 1, 101, PriceSources.Imported), Write("XAUUSD", 2, 102, PriceSources.Simulator)],
            // Across batches: a market's bar replaces the simulator's; the simulator's never replaces a market's; the later market bar wins.
            [Write("XAUUSD", 0, 200, PriceSources.Imported), Write("XAUUSD", 1, 201, PriceSources.Simulator), Write("XAUUSD", 2, 202, PriceSources.Simulator)],
            // Within one batch, the same rule: the last market bar for a slot stands, else the last simulated one.
            [Write("EURUSD", 5, 1.1, PriceSources.Imported), Write("EURUSD", 5, 1.2, PriceSources.Simulator), Write("EURUSD", 6, 1.3, PriceSources.Simulator),
                Write("EURUSD", 6, 1.4, PriceSources.Binance), Write("EURUSD", 6, 1.5, PriceSources.Imported), Write("EURUSD", 7, 1.6, PriceSources.Simulator), Write("EURUSD", 7, 1.7, PriceSources.Simulator)],
            [Write("EURUSD", 8, 1.8, PriceSources.Imported, Timeframe.M1), Write("EURUSD", 9, 1.9, PriceSources.Simulator, Timeframe.M1)],
        ];
        foreach (var batch in batches)
        {
            sqlite.Write(batch);
            shared.Write(batch);
        }

        foreach (var store in new IBarStore[] { sqlite, shared })
        {
            store.WriteSynthetic("US500", Timeframe.D1, [Bar(Start, 5000), Bar(Start + Day, 5001), Bar(Start, 4999)]);
            store.WriteSynthetic("US500", Timeframe.D1, [Bar(Start + Day, 6000), Bar(Start + (2 * Day), 5002)]);
        }

        string Closes(IBarStore store, string symbol, bool withSimulated) =>
            string.Join(' ', store.Range(symbol, Timeframe.D1, long.MinValue, long.MaxValue, withSimulated).Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Bar.Close}:{b.Source}")));

        Assert.That(Closes(shared, "XAUUSD", true), Is.EqualTo("200:imported 101:imported 202:simulator"));
        Assert.That(Closes(shared, "EURUSD", true), Is.EqualTo("1.1:imported 1.5:imported 1.7:simulator"));
        Assert.That(Closes(shared, "EURUSD", false), Is.EqualTo("1.1:imported 1.5:imported"));
        Assert.That(Coverage(shared, "XAUUSD"), Is.EqualTo($"{Start}..{Start + Day} 2 imported"));
        Assert.That(string.Join(' ', shared.SyntheticRange("US500", Timeframe.D1, Start, Start + (3 * Day)).Select(b => b.Close)), Is.EqualTo("5000 5001 5002"), "the first made-up bar for a slot stays");
        foreach (var symbol in new[] { "XAUUSD", "EURUSD", "US500", "BTC-USD" })
        {
            Assert.That(Closes(shared, symbol, true), Is.EqualTo(Closes(sqlite, symbol, true)), symbol);
            Assert.That(Closes(shared, symbol, false), Is.EqualTo(Closes(sqlite, symbol, false)), symbol);
            Assert.That(Coverage(shared, symbol), Is.EqualTo(Coverage(sqlite, symbol)), symbol);
            Assert.That(shared.SyntheticRange(symbol, Timeframe.D1, long.MinValue, long.MaxValue), Is.EqualTo(sqlite.SyntheticRange(symbol, Timeframe.D1, long.MinValue, long.MaxValue)), symbol);
        }

        Assert.That(shared.Newest(Timeframe.D1, PriceSources.Imported), Is.EquivalentTo(sqlite.Newest(Timeframe.D1, PriceSources.Imported)));
        Assert.That(shared.Newest(Timeframe.M1, PriceSources.Imported), Is.EquivalentTo(new Dictionary<string, long> { ["EURUSD"] = Start + (9 * Day) }));
        Assert.That(StoredHistory.Covering(shared, "XAUUSD", Start, Start + (2 * Day))?.Source, Is.EqualTo(StoredHistory.Covering(sqlite, "XAUUSD", Start, Start + (2 * Day))?.Source));
    }

    private static string Coverage(IBarStore store, string symbol) =>
        store.RealCoverage(symbol, Timeframe.D1) is { } c ? $"{c.FirstMs}..{c.LastMs} {c.Bars} {string.Join(',', c.Sources)}" : "none";

    [Test]
    public async Task An_import_into_the_clusters_database_is_served_alike_by_every_bridge()
    {
        using var postgres = new PostgresServer();
        var file = Path.Combine(_data, "gold.csv");
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        await File.WriteAllLinesAsync(file, ["time,open,high,low,close,volume", .. Enumerable.Range(0, 60).Select(d =>
            string.Create(CultureInfo.InvariantCulture, $"{today.AddDays(d - 60):yyyy-MM-ddTHH:mm:ssZ},{2000 + d},{2010 + d},{1990 + d},{2005 + d},{100 + d}"))]);
        var output = new StringWriter();
        var instruments = Path.Combine(ShardEngine.Root, "config", "instruments.json");
        Assert.That(ImportCommand.Run(new CommandLine(["--input", file, "--symbol", "XAUUSD", "--timeframe", "1d", "--data-dir", _data, "--instruments", instruments,
            "--database", postgres.ConnectionString]), output, TextWriter.Null), Is.Zero, output.ToString());
        Assert.That(output.ToString(), Does.Contain("imported 60 1d bars of XAUUSD").And.Contain($"→ PostgreSQL 127.0.0.1:{postgres.Port}/postgres"));
        Assert.That(File.Exists(HistoryDatabase.PathIn(_data)), Is.False, "nothing written to the SQLite store");

        await using var a = await ClusterBridge.StartAsync($"--Bridge:Cluster:Database={postgres.ConnectionString}");
        await using var b = await ClusterBridge.StartAsync($"--Bridge:Cluster:Database={postgres.ConnectionString}");
        var request = $$"""{"timeframe":"1d","startDate":"{{today.AddDays(-60):yyyy-MM-dd}}","endDate":"{{today:yyyy-MM-dd}}"}""";
        var answers = new List<string>();
        foreach (var bridge in new[] { a, b })
        {
            using var response = await bridge.Http.PostAsync("/api/market-data/XAUUSD", new StringContent(request, Encoding.UTF8, "application/json"));
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(response.IsSuccessStatusCode, body);
            answers.Add(body);
        }

        Assert.That(answers[0], Does.Contain("\"close\":2005").And.Contain("\"close\":2064").And.Contain("imported"));
        Assert.That(answers[1], Is.EqualTo(answers[0]), "the same bars from any bridge");

        postgres.Kill(); // the database away: the request is told so at once, neither hanging nor a server error
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var away = await a.Http.PostAsync("/api/market-data/XAUUSD", new StringContent(request, Encoding.UTF8, "application/json"), timeout.Token);
        Assert.That(away.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.ServiceUnavailable));
        Assert.That(await away.Content.ReadAsStringAsync(), Does.Contain("Database unavailable"));
    }

    [Test]
    public async Task Bars_queued_while_PostgreSQL_is_down_are_written_when_it_returns()
    {
        using var postgres = new PostgresServer();
        using var store = new PostgresBarStore(postgres.ConnectionString);
        await using var queue = new BarWriteQueue(store, NullLogger.Instance);
        for (var i = 0; i < 100; i++)
        {
            queue.Write(Write("BTC-USD", i, 40_000 + i, PriceSources.Binance, Timeframe.M1));
        }

        await queue.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        postgres.Kill();
        for (var i = 100; i < 200; i++)
        {
            queue.Write(Write("BTC-USD", i, 40_000 + i, PriceSources.Binance, Timeframe.M1));
        }

        var flushed = queue.FlushAsync();
        Assert.That(flushed.Wait(TimeSpan.FromSeconds(1)), Is.False, "the writer waits for the database, holding the bars");
        Assert.That(queue.Written, Is.EqualTo(100));
        postgres.Start();
        await flushed.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.That(queue.Written, Is.EqualTo(200));
        Assert.That(queue.Dropped, Is.Zero);
        var bars = store.Range("BTC-USD", Timeframe.M1, long.MinValue, long.MaxValue);
        Assert.That(bars.Select(b => b.Bar.Close), Is.EqualTo(Enumerable.Range(0, 200).Select(i => 40_000.0 + i)));
    }
}
