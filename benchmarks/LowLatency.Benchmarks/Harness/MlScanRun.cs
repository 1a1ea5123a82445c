using System.Diagnostics;
using System.Globalization;
using LowLatency.Analytics;
using LowLatency.Analytics.Ml;
using LowLatency.Analytics.Scanner;
using LowLatency.Benchmarks.Workloads;

namespace LowLatency.Benchmarks.Harness;

/// <summary>
/// ML predict latency (one feature row through the trained classifier and regression, and the feature build over
/// the 300 bars a predict reads) and the time of one scan of every configured instrument (250 daily bars each,
/// all factors, in parallel as the API runs it), on seeded synthetic candles. Medians and ranges over rounds.
/// </summary>
internal static class MlScanRun
{
    public static void Run(TextWriter output, int rounds)
    {
        var bars = Candles(1200, 1);
        var model = MlTrainer.Train("BENCH", "1d", bars, new MlOptions(Trees: 100), null, CancellationToken.None);
        var recent = bars.TakeLast(300).ToList();
        var row = MlFeatures.Build(recent)[^1]!;
        model.Predict(row);

        var predict = new List<double>();
        var features = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            var watch = Stopwatch.StartNew();
            const int calls = 2000;
            for (var i = 0; i < calls; i++)
            {
                model.Predict(row);
            }

            predict.Add(watch.Elapsed.TotalMicroseconds / calls);
            watch.Restart();
            MlFeatures.Build(recent);
            features.Add(watch.Elapsed.TotalMilliseconds);
        }

        var instruments = TradingSetup.Registry.All.Select((_, i) => Candles(250, i + 2)).ToList();
        ConfluenceScanner.Scan(instruments[0], new ScanSettings());
        var scans = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            var watch = Stopwatch.StartNew();
            Parallel.ForEach(instruments, series => ConfluenceScanner.Scan(series, new ScanSettings()));
            scans.Add(watch.Elapsed.TotalMilliseconds);
        }

        output.WriteLine(Line("ml predict (classifier + regression, one row)", predict, "µs"));
        output.WriteLine(Line("ml features over the 300 bars a predict reads", features, "ms"));
        output.WriteLine(Line($"scan of all {instruments.Count} instruments, 250 daily bars each, parallel", scans, "ms"));
    }

    private static string Line(string label, List<double> values, string unit)
    {
        values.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"{label}: {values[values.Count / 2]:F1} {unit} median (range {values[0]:F1} – {values[^1]:F1}, {values.Count} rounds)");
    }

    private static List<OhlcvBar> Candles(int count, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var price = 100.0;
        var list = new List<OhlcvBar>(count);
        for (var i = 0; i < count; i++)
        {
            var open = price;
            price = Math.Max(1, price * (1 + ((random.NextDouble() - 0.5) * 0.04) + (0.003 * Math.Sin(i * Math.PI / 10))));
            var high = Math.Max(open, price) * (1 + (0.01 * random.NextDouble()));
            var low = Math.Min(open, price) * (1 - (0.01 * random.NextDouble()));
            list.Add(new OhlcvBar(start.AddDays(i).ToUnixTimeMilliseconds(), open, high, low, price, 1000 + (1000 * random.NextDouble())));
        }

        return list;
    }
}
