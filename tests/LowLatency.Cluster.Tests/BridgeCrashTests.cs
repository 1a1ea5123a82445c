using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using LowLatency.QuickFix;
using Npgsql;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// kill -9 of a bridge: a bridge in its own process takes orders for two shards and is SIGKILLed with orders in
/// flight; the other bridge takes the next orders; the killed one is started again on the same port. Every order
/// either bridge acknowledged is on the read side, both bridges answer alike, and every shard's records are
/// projected once each, gap-free.
/// </summary>
[NonParallelizable]
public sealed class BridgeCrashTests
{
    private static readonly Dictionary<string, IReadOnlyList<string>> Shards = new() { ["s1"] = ["BTC-USD"], ["s2"] = ["BNBUSDT"] };
    private string _data = "";

    [SetUp]
    public void CreateData() => _data = Directory.CreateTempSubdirectory("ll-bridge-crash-").FullName;

    [TearDown]
    public void DeleteData() => Directory.Delete(_data, recursive: true);

    private Process StartBridge(NatsServer nats, PostgresServer postgres, int port)
    {
        var dll = Path.Combine(ShardEngine.Root, "bridge", "LowLatency.Bridge", "bin", "Release", "net10.0", "LowLatency.Bridge.dll");
        var arguments = ClusterBridge.Arguments(Path.Combine(_data, "bridge-a"), $"http://127.0.0.1:{port}", ClusterBridge.InCluster(nats, postgres, "bridge-a", Shards));
        return ServerProcess.StartListening(new ProcessStartInfo("dotnet", [dll, .. arguments]) { WorkingDirectory = ShardEngine.Root }, port, TimeSpan.FromSeconds(60));
    }

    private static string Symbol(int i) => i % 2 == 0 ? "BTC-USD" : "BNBUSDT";

    private static async Task<long> ScalarAsync(PostgresServer postgres, string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> FilledOrders(HttpClient bridge) =>
        [.. JsonDocument.Parse(bridge.GetStringAsync("/api/cluster/orders").GetAwaiter().GetResult()).RootElement.EnumerateArray()
            .Where(o => o.GetProperty("status").GetString() == "filled").Select(o => o.GetProperty("id").GetString()!)];

    [Test]
    public async Task A_bridge_killed_with_orders_in_flight_loses_no_acknowledged_order_and_the_bridges_converge()
    {
        using var nats = new NatsServer();
        using var postgres = new PostgresServer();
        using var s1 = ShardEngine.Of(nats, "s1", Shards);
        using var s2 = ShardEngine.Of(nats, "s2", Shards);
        var port = QuickFixAcceptor.FreePort();
        var process = StartBridge(nats, postgres, port);
        using var a = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        await using var b = await ClusterBridge.StartAsync(ClusterBridge.InCluster(nats, postgres, "bridge-b", Shards));
        var acknowledged = new List<string>();
        try
        {
            for (var i = 0; i < 6; i++)
            {
                acknowledged.Add(ClusterApi.Order(a, Symbol(i), "buy", 0.01m).GetProperty("id").GetString()!);
            }

            var inFlight = Enumerable.Range(0, 6).Select(i => a.PostAsync("/api/cluster/orders", ClusterApi.Body(Symbol(i), "sell", 0.01m))).ToList();
            ServerProcess.Kill(process); // SIGKILL, with these sent and their answers not all back
            process = null;
            foreach (var request in inFlight)
            {
                try
                {
                    using var response = await request;
                    if (response.IsSuccessStatusCode)
                    {
                        acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!); // answered before the kill
                    }
                }
                catch (HttpRequestException)
                {
                    // no answer: not acknowledged, it may or may not have reached its shard
                }
            }

            for (var i = 0; i < 4; i++)
            {
                acknowledged.Add(ClusterApi.Order(b.Http, Symbol(i), "buy", 0.02m).GetProperty("id").GetString()!);
            }

            process = StartBridge(nats, postgres, port);
            Eventually.Until(() => acknowledged.All(FilledOrders(a).Contains) && acknowledged.All(FilledOrders(b.Http).Contains), "every acknowledged order filled, seen through both bridges");
            string[] paths = ["/api/cluster/orders", "/api/cluster/positions", "/api/cluster/fills"];
            Eventually.Until(() => paths.All(p => a.GetStringAsync(p).GetAwaiter().GetResult() == b.Http.GetStringAsync(p).GetAwaiter().GetResult()), "the restarted bridge answers as the other does");
        }
        finally
        {
            ServerProcess.Kill(process);
        }

        foreach (var shard in Shards.Keys)
        {
            var (count, last) = (await ScalarAsync(postgres, $"SELECT count(*) FROM ll_records WHERE shard = '{shard}'"), await ScalarAsync(postgres, $"SELECT max(sequence) FROM ll_records WHERE shard = '{shard}'"));
            Assert.That(count, Is.EqualTo(last), $"{shard}: records 1..{last} projected once each");
            Assert.That(await ScalarAsync(postgres, $"SELECT last_sequence FROM ll_projection WHERE shard = '{shard}'"), Is.EqualTo(last), shard);
        }
    }
}
