using System.Diagnostics;
using System.Globalization;
using LowLatency.Engine.MarketData;
using LowLatency.History;
using LowLatency.History.Import;

namespace LowLatency.Benchmarks.Harness;

/// <summary>
/// <c>./run.sh import</c>'s throughput: a file of one-minute bars (Binance's kline layout, and the header CSV)
/// into a fresh history store, both passes (check, then write), the two formats interleaved over rounds;
/// rows/s as median and range.
/// </summary>
internal static class ImportRun
{
    public static void Run(TextWriter output, int rounds, int rows)
    {
        var dir = Directory.CreateTempSubdirectory("ll-bench-import-").FullName;
        try
        {
            var binance = Path.Combine(dir, "klines.csv");
            var ohlcv = Path.Combine(dir, "bars.csv");
            Write(binance, ohlcv, rows);
            var rates = new Dictionary<string, List<double>> { ["binance"] = [], ["ohlcv"] = [] };
            for (var r = 0; r < rounds; r++)
            {
                foreach (var (name, file) in new[] { ("binance", binance), ("ohlcv", ohlcv) })
                {
                    var database = Path.Combine(dir, $"store-{name}-{r}", "history.db");
                    var watch = Stopwatch.StartNew();
                    var result = BarImporter.Import(new SqliteBarStore(database), [file], "BTC-USD", Timeframe.M1, BarFileFormat.Auto);
                    rates[name].Add(result.Rows / watch.Elapsed.TotalSeconds);
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                }
            }

            foreach (var (name, list) in rates)
            {
                list.Sort();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"import {name} 1m bars, {rows:N0} rows into a fresh store: {list[list.Count / 2]:N0} rows/s median (range {list[0]:N0} – {list[^1]:N0}, {list.Count} rounds)"));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Write(string binance, string ohlcv, int rows)
    {
        using var k = new StreamWriter(binance);
        using var h = new StreamWriter(ohlcv);
        h.WriteLine("time,open,high,low,close,volume");
        var random = new Random(3);
        var price = 42_000.0;
        var t = 1_704_067_200_000L;
        for (var i = 0; i < rows; i++, t += 60_000)
        {
            var open = Math.Round(price, 2);
            price *= 1 + ((random.NextDouble() - 0.5) * 0.002);
            var close = Math.Round(price, 2);
            var high = Math.Max(open, close) + 1.5;
            var low = Math.Min(open, close) - 1.25;
            var volume = Math.Round(random.NextDouble() * 50, 5);
            k.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{t},{open:F8},{high:F8},{low:F8},{close:F8},{volume:F8},{t + 59_999},{volume * open:F8},{random.Next(100, 2000)},{volume / 2:F8},{volume / 2 * open:F8},0"));
            h.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{t},{open},{high},{low},{close},{volume}"));
        }
    }
}
