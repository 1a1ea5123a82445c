using System.Globalization;
using LowLatency.Engine.Host.Commands;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Tests.Support;
using LowLatency.History;

namespace LowLatency.Engine.Host.Tests.History;

/// <summary>
/// <c>import</c> as a user runs it: the header CSV and Binance's kline files (milliseconds and microseconds) go into
/// the history store with their values exact; importing again changes nothing, an overlapping file wins where it
/// overlaps, gaps inside a file are reported, and a bad row exits with <c>file:line: why</c> and writes nothing.
/// </summary>
public sealed class ImportCommandTests
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../.."));
    private static readonly string Instruments = Path.Combine(Root, "config", "instruments.json");
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("ll-import-").FullName;

    [TearDown]
    public void TearDown()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public void The_reference_bars_round_trip_exactly()
    {
        var output = new StringWriter();
        Assert.That(Import(output, "--input", ReferenceData.PathOf("ohlcv.csv"), "--symbol", "BTC", "--timeframe", "1d"), Is.Zero);
        var (_, rows) = ReferenceData.Table("ohlcv.csv");
        var stored = Stored("BTC-USD", Timeframe.D1);
        Assert.That(stored, Has.Count.EqualTo(rows.Length));
        for (var i = 0; i < rows.Length; i++)
        {
            var b = stored[i];
            Assert.That(b.Source, Is.EqualTo(PriceSources.Imported));
            Assert.That(b.Bar.OpenTimeMs, Is.EqualTo(DateTimeOffset.Parse(rows[i][0], CultureInfo.InvariantCulture).ToUnixTimeMilliseconds()));
            Assert.That(new[] { b.Bar.Open, b.Bar.High, b.Bar.Low, b.Bar.Close, b.Bar.Volume }, Is.EqualTo(rows[i][1..].Select(ReferenceData.Number).ToArray()), $"row {i}");
        }

        Assert.That(output.ToString(), Does.Contain($"imported {rows.Length} 1d bars of BTC-USD (ohlcv)").And.Contain("no gaps"));
    }

    [Test]
    public void Binance_kline_files_in_milliseconds_and_microseconds_give_the_same_bars()
    {
        // Rows as Binance publishes them (data.binance.vision, spot BTCUSDT 1m): open time, OHLCV, close time, quote volume, trades, taker volumes, ignore.
        string[] ms =
        [
            "1704067200000,42283.58000000,42298.62000000,42261.02000000,42298.61000000,35.92724000,1704067259999,1519032.17893570,1327,17.27669000,730505.15567960,0",
            "1704067260000,42298.62000000,42320.00000000,42290.00000000,42318.41000000,21.44820000,1704067319999,907405.36802110,876,13.83591000,585335.27133880,0",
            "1704067320000,42318.41000000,42330.00000000,42310.00000000,42325.13000000,15.09190000,1704067379999,638691.86128480,721,9.75380000,412780.75424220,0",
        ];
        var micro = ms.Select(r => string.Join(',', r.Split(',').Select((v, i) => i is 0 or 6 ? v + "000" : v))).ToArray();
        Assert.That(Import(TextWriter.Null, "--input", Write("ms.csv", ms), "--symbol", "BTC-USD", "--timeframe", "1m", "--format", "binance"), Is.Zero);
        var fromMs = Stored("BTC-USD", Timeframe.M1);
        Assert.That(Import(TextWriter.Null, "--input", Write("us.csv", micro), "--symbol", "ETH-USD", "--timeframe", "1m"), Is.Zero, "auto-detected");
        var fromUs = Stored("ETH-USD", Timeframe.M1);
        Assert.That(fromMs.Select(b => b.Bar.OpenTimeMs), Is.EqualTo(new[] { 1704067200000L, 1704067260000, 1704067320000 }));
        Assert.That(fromUs.Select(b => (b.Bar.OpenTimeMs, b.Bar.Open, b.Bar.High, b.Bar.Low, b.Bar.Close, b.Bar.Volume)),
            Is.EqualTo(fromMs.Select(b => (b.Bar.OpenTimeMs, b.Bar.Open, b.Bar.High, b.Bar.Low, b.Bar.Close, b.Bar.Volume))));
        Assert.That((fromMs[0].Bar.Open, fromMs[0].Bar.Close, fromMs[0].Bar.Volume), Is.EqualTo((42283.58, 42298.61, 35.92724)));
    }

    [Test]
    public void Importing_twice_changes_nothing_and_an_overlapping_later_file_wins()
    {
        var first = Write("a.csv", ["time,open,high,low,close,volume", .. Days(0, 10, close: 100)]);
        var overlap = Write("b.csv", ["time,close,open,volume,low,high", .. Days(5, 10, close: 200).Select(Reorder)]);
        Assert.That(Import(TextWriter.Null, "--input", first, "--symbol", "XAUUSD", "--timeframe", "1d"), Is.Zero);
        Assert.That(Import(TextWriter.Null, "--input", first, "--symbol", "XAUUSD", "--timeframe", "1d"), Is.Zero);
        Assert.That(Stored("XAUUSD", Timeframe.D1), Has.Count.EqualTo(10), "one bar per time");
        Assert.That(Import(TextWriter.Null, "--input", first, "--input", overlap, "--symbol", "XAUUSD", "--timeframe", "1d"), Is.Zero);
        var bars = Stored("XAUUSD", Timeframe.D1);
        Assert.That(bars, Has.Count.EqualTo(15));
        Assert.That(bars.Select(b => b.Bar.Close), Is.EqualTo(Enumerable.Repeat(100.0, 5).Concat(Enumerable.Repeat(200.0, 10))), "the later file wins days 5–9");
    }

    [Test]
    public void Gaps_inside_a_file_are_reported()
    {
        var output = new StringWriter();
        var file = Write("gaps.csv", ["time,open,high,low,close,volume", .. Days(0, 3, 100), .. Days(5, 2, 100), .. Days(10, 1, 100)]);
        Assert.That(Import(output, "--input", file, "--symbol", "XAUUSD", "--timeframe", "1d"), Is.Zero);
        Assert.That(output.ToString(), Does.Contain("2 gap(s) inside the files, 5 bar(s) missing")
            .And.Contain($"{file}:5: 2 bar(s) missing after 2024-01-03T00:00:00Z, next at 2024-01-06T00:00:00Z")
            .And.Contain($"{file}:7: 3 bar(s) missing after 2024-01-07T00:00:00Z, next at 2024-01-11T00:00:00Z"));
        Assert.That(Stored("XAUUSD", Timeframe.D1), Has.Count.EqualTo(6));
    }

    [TestCase("2024-01-02T00:00:00Z,100,99,98,99,1", 3, "high 99 and low 98 must bracket open 100")]
    [TestCase("2024-01-02T00:00:00Z,100,101,98,NaN,1", 3, "close 'NaN' is not a finite number")]
    [TestCase("2024-01-02T00:00:00Z,-1,101,98,99,1", 3, "open '-1' is not a finite number ≥ 0")]
    [TestCase("2024-01-02T00:00:00Z,0,101,98,99,1", 3, "open 0 is not a price above zero")]
    [TestCase("2024-01-02T00:00:00Z,100,101,98,99", 3, "5 fields, expected 6")]
    [TestCase("2024-01-01T00:00:00Z,100,101,98,99,1", 3, "is not after the previous row's")]
    [TestCase("2024-01-02T12:00:00Z,100,101,98,99,1", 3, "is not the start of a 1d bar")]
    [TestCase("yesterday,100,101,98,99,1", 3, "time 'yesterday' is neither an ISO 8601 time nor a Unix timestamp")]
    public void A_bad_row_exits_1_naming_the_file_and_line_and_writes_nothing(string row, int line, string why)
    {
        var file = Write("bad.csv", ["time,open,high,low,close,volume", "2024-01-01T00:00:00Z,100,101,98,99,1", row, "2024-01-05T00:00:00Z,100,101,98,99,1"]);
        var e = Assert.Throws<InputFileException>(() => Import(TextWriter.Null, "--input", Write("good.csv", ["time,open,high,low,close,volume", .. Days(20, 3, 100)]), "--input", file, "--symbol", "XAUUSD", "--timeframe", "1d"))!;
        Assert.That(e.Message, Does.StartWith($"{file}:{line}: ").And.Contain(why));
        Assert.That(File.Exists(HistoryDatabase.PathIn(_dir)) ? Stored("XAUUSD", Timeframe.D1) : [], Is.Empty, "nothing of either file was written");
    }

    [Test]
    public void Bad_arguments_are_refused_before_anything_is_read()
    {
        var good = Write("good.csv", ["time,open,high,low,close,volume", .. Days(0, 2, 100)]);
        Assert.That(() => Import(TextWriter.Null, "--input", good, "--symbol", "NOPE", "--timeframe", "1d"), Throws.TypeOf<CommandLineException>().With.Message.Contain("unknown symbol 'NOPE'"));
        Assert.That(() => Import(TextWriter.Null, "--input", good, "--symbol", "BTC-USD", "--timeframe", "7d"), Throws.TypeOf<CommandLineException>().With.Message.Contain("--timeframe"));
        Assert.That(() => Import(TextWriter.Null, "--input", good, "--symbol", "BTC-USD", "--timeframe", "1d", "--format", "excel"), Throws.TypeOf<CommandLineException>().With.Message.Contain("--format"));
        Assert.That(() => Import(TextWriter.Null, "--input", Path.Combine(_dir, "missing.csv"), "--symbol", "BTC-USD", "--timeframe", "1d"), Throws.TypeOf<CommandLineException>().With.Message.Contain("no file"));
        Assert.That(() => Import(TextWriter.Null, "--symbol", "BTC-USD", "--timeframe", "1d"), Throws.TypeOf<CommandLineException>().With.Message.Contain("--input is required"));
        var headerless = Write("headerless.csv", ["2024-01-01T00:00:00Z,100,101,98,99,1"]);
        Assert.That(() => Import(TextWriter.Null, "--input", headerless, "--symbol", "BTC-USD", "--timeframe", "1d"), Throws.TypeOf<InputFileException>().With.Message.Contain($"{headerless}:1: 6 columns without a header"));
    }

    [Test]
    public void A_backtest_without_a_data_file_runs_on_the_stored_bars_and_says_so()
    {
        Assert.That(Import(TextWriter.Null, "--input", ReferenceData.PathOf("ohlcv.csv"), "--symbol", "XAUUSD", "--timeframe", "1d"), Is.Zero);
        var config = Path.Combine(_dir, "engine.json");
        File.WriteAllText(config, $$"""
            { "threads": [{ "name": "all", "stages": ["ingest", "indicators", "signals", "risk", "routing"] }],
              "instruments": {{System.Text.Json.JsonSerializer.Serialize(Instruments)}}, "strategies": {{System.Text.Json.JsonSerializer.Serialize(Path.Combine(Root, "config", "strategies"))}} }
            """);
        var output = new StringWriter();
        var result = Path.Combine(_dir, "result.json");
        string[] args = ["--strategy", "ensemble-xau", "--symbol", "XAUUSD", "--from", "2024-02-01", "--to", "2024-08-01", "--out", result, "--data-dir", _dir, "--config", config];
        Assert.That(BacktestCommand.Run(new CommandLine(args), output, TextWriter.Null), Is.Zero);
        Assert.That(output.ToString(), Does.Contain("Data: the history store's stored 1d bars (imported) 2024-02-01 00:00 → 2024-07-31 00:00, 182 bars")
            .And.Contain("data             imported, 2024-02-01 00:00 → 2024-07-31 18:00, 182 bars"));
        using var written = System.Text.Json.JsonDocument.Parse(File.ReadAllText(result));
        Assert.That(written.RootElement.GetProperty("dataSource").GetString(), Is.EqualTo("imported"));
        Assert.That(written.RootElement.GetProperty("syntheticData").GetBoolean(), Is.False);
        Assert.That(written.RootElement.GetProperty("inputBars").GetInt64(), Is.EqualTo(182));

        output = new StringWriter();
        args[5] = "2019-01-01";
        args[7] = "2019-03-01";
        Assert.That(BacktestCommand.Run(new CommandLine(args), output, TextWriter.Null), Is.Zero);
        Assert.That(output.ToString(), Does.Contain("no stored bars of XAUUSD cover 2019-01-01 → 2019-03-01: using seeded synthetic history"));
    }

    private static IEnumerable<string> Days(int start, int count, double close) => Enumerable.Range(start, count).Select(d =>
        string.Create(CultureInfo.InvariantCulture, $"{new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(d):yyyy-MM-ddTHH:mm:ssZ},{close},{close + 1},{close - 1},{close},{d + 1}.5"));

    // time,open,high,low,close,volume → time,close,open,volume,low,high
    private static string Reorder(string row)
    {
        var f = row.Split(',');
        return string.Join(',', f[0], f[4], f[1], f[5], f[3], f[2]);
    }

    private int Import(TextWriter output, params string[] args) =>
        ImportCommand.Run(new CommandLine([.. args, "--data-dir", _dir, "--instruments", Instruments]), output, TextWriter.Null);

    private string Write(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private List<SourcedBar> Stored(string symbol, Timeframe timeframe)
    {
        using var store = new SqliteBarStore(HistoryDatabase.PathIn(_dir));
        return store.Range(symbol, timeframe, long.MinValue, long.MaxValue);
    }
}
