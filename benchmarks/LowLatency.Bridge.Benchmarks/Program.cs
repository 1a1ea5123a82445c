using System.Globalization;
using HdrHistogram;
using LowLatency.Bridge.Benchmarks;

// ./run.sh bench --bridge [--quick]: WebSocket fan-out at 100 and 1,000 clients and REST throughput, against a
// real engine and bridge in this process (sharing this machine's cores with the load generator); then an order's
// round trip through the single process beside the same through the cluster ([--orders]: that part alone).
var quick = args.Contains("--quick");
var root = FindRoot();
var output = Console.Out;
var duration = TimeSpan.FromSeconds(quick ? 5 : 15);
if (!args.Contains("--orders"))
{
    await RunLoadAsync();
}

await OrderRoundTrips.RunAsync(output, root, rounds: quick ? 3 : 5, orders: quick ? 100 : 300);
return 0;

async Task RunLoadAsync()
{
output.WriteLine($"# Bridge: engine (2,000 ticks/s over 8 instruments, quotes to the bridge at 10/s per instrument) + bridge in one process");
await using (var system = await SystemUnderTest.StartAsync(root, ticksPerSecond: 2_000, quoteRateHz: 10))
{
    foreach (var clients in new[] { 100, 1000 })
    {
        output.WriteLine($"# WebSocket fan-out: {clients} clients on /ws/price-feed, one instrument each, {duration.TotalSeconds:0} s");
        var (messages, seconds, latency) = await FanOutRun.RunAsync(system.Address, clients, duration, output);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fan-out {clients} clients: {messages / seconds:F0} messages/s ({messages / seconds / clients:F1} per client/s); engine→client latency {Percentiles(latency)}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"figure fanout_{clients}_p50_ms {latency.GetValueAtPercentile(50) / 1000.0:F2}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"figure fanout_{clients}_p99_ms {latency.GetValueAtPercentile(99) / 1000.0:F2}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"figure fanout_{clients}_messages_per_s {messages / seconds:F0}"));
    }

    foreach (var path in new[] { "/api/positions", "/api/trading/status" })
    {
        output.WriteLine($"# REST: GET {path}, 64 concurrent keep-alive connections, {duration.TotalSeconds:0} s");
        var (requests, failures, seconds) = await RestRun.RunAsync(system.Address, path, 64, duration);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GET {path}: {requests / seconds:F0} requests/s, {failures} failures"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio rest{path.Replace('/', '_')}_vs_target_20k {requests / seconds / 20_000:F2}"));
    }
}
}

static string Percentiles(HistogramBase h) => h.TotalCount == 0
    ? "no samples"
    : string.Create(CultureInfo.InvariantCulture, $"n={h.TotalCount} p50={h.GetValueAtPercentile(50) / 1000.0:F2} ms p99={h.GetValueAtPercentile(99) / 1000.0:F2} ms p99.9={h.GetValueAtPercentile(99.9) / 1000.0:F2} ms max={h.GetMaxValue() / 1000.0:F2} ms");

static string FindRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "LowLatency.sln")))
        {
            return dir.FullName;
        }
    }

    throw new DirectoryNotFoundException("Run inside the repository (config/ is read from its root).");
}
