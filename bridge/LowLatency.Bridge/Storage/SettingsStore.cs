using System.Text.Json;
using System.Text.Json.Nodes;

namespace LowLatency.Bridge.Storage;

/// <summary>The frontend's saved settings (scanner configuration, trading modes, weights …) as JSON documents by name, in the history database.</summary>
public sealed class SettingsStore(BridgeStore store)
{
    private readonly Lock _lock = new();

    public JsonObject? Load(string name)
    {
        lock (_lock)
        {
            using var connection = store.Open();
            using var c = connection.CreateCommand();
            c.CommandText = "SELECT json FROM settings WHERE name = $n";
            c.Parameters.AddWithValue("$n", name);
            return c.ExecuteScalar() is string json ? JsonNode.Parse(json) as JsonObject : null;
        }
    }

    /// <summary>Merges <paramref name="values"/> into the stored document (top-level keys replaced) and returns the result.</summary>
    public JsonObject Merge(string name, JsonObject values)
    {
        ArgumentNullException.ThrowIfNull(values);
        lock (_lock)
        {
            var current = Load(name) ?? [];
            foreach (var (key, value) in values)
            {
                current[key] = value?.DeepClone();
            }

            using var connection = store.Open();
            using var c = connection.CreateCommand();
            c.CommandText = "INSERT INTO settings (name, json, updated) VALUES ($n, $j, $u) ON CONFLICT (name) DO UPDATE SET json = excluded.json, updated = excluded.updated";
            c.Parameters.AddWithValue("$n", name);
            c.Parameters.AddWithValue("$j", current.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
            c.Parameters.AddWithValue("$u", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            c.ExecuteNonQuery();
            return current;
        }
    }
}
