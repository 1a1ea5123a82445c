using System.Diagnostics;

namespace LowLatency.ClusterServers;

/// <summary>
/// A shard as its own process (<c>LowLatency.Engine.Host engine</c>, built in Release): a config with the simulator
/// pricing the repository's instruments, no strategies, no bridge link, its journal published to NATS, written into
/// a directory of the caller's, which also holds its data and logs; killable like the servers.
/// </summary>
public static class ShardProcess
{
    /// <param name="shards">The shard map as <c>cluster.shards</c> JSON (<c>{"s1": ["BTC-USD"]}</c>); null: this shard owns all.</param>
    public static Process Start(string root, string directory, string natsUrl, string shard, int ticksPerSecond, int maxOrdersPerSecond, string? shards = null)
    {
        var strategies = Directory.CreateDirectory(Path.Combine(directory, "no-strategies")).FullName;
        var config = Path.Combine(directory, $"{shard}.json");
        File.WriteAllText(config, $$"""
            {
              "threads": [ { "name": "market", "stages": ["ingest", "indicators", "signals"] }, { "name": "trading", "stages": ["risk", "routing"] } ],
              "feed": { "type": "simulator", "ticksPerSecond": {{ticksPerSecond}} },
              "instruments": "{{Path.Combine(root, "config", "instruments.json")}}",
              "strategies": "{{strategies}}",
              "ipc": { "enabled": false },
              "risk": { "maxOpenPositions": 100, "maxOrdersPerSecond": {{maxOrdersPerSecond}} },
              "cluster": { "nats": "{{natsUrl}}", "shard": "{{shard}}"{{(shards is null ? "" : $", \"shards\": {shards}")}} }
            }
            """);
        var host = Path.Combine(root, "engine", "LowLatency.Engine.Host", "bin", "Release", "net10.0", "LowLatency.Engine.Host.dll");
        var info = new ProcessStartInfo("dotnet", [host, "engine", "--config", config, "--data-dir", Path.Combine(directory, shard)]) { WorkingDirectory = root };
        info.Environment["LL_LOG_DIR"] = Path.Combine(directory, "logs");
        return ServerProcess.Start(info);
    }
}
