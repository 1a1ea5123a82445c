using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace LowLatency.Bridge.Storage;

/// <summary>
/// The frontend's saved settings (scanner configuration, trading modes, weights, alert rules …) as JSON documents by
/// name: in the history database, or, on a cluster bridge that serves the frontend, in the cluster's PostgreSQL
/// (<c>ll_settings</c>), so every bridge reads and changes the same ones. A change is one transaction on the
/// document's row, so two bridges changing it at once never overwrite each other.
/// </summary>
/// <param name="shared">The cluster's database, where the documents are when it has one.</param>
public sealed class SettingsStore(BridgeStore store, SharedDatabase shared)
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };
    private readonly Lock _lock = new();

    /// <summary>Whether the documents are the cluster's (another bridge may change them).</summary>
    public bool Shared => shared.Available;

    public JsonObject? Load(string name)
    {
        if (shared.Available)
        {
            using var command = shared.Command("SELECT json FROM ll_settings WHERE name = $1", name);
            return command.ExecuteScalar() is string json ? JsonNode.Parse(json) as JsonObject : null;
        }

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
        return Update(name, current =>
        {
            foreach (var (key, value) in values)
            {
                current[key] = value?.DeepClone();
            }

            return current;
        });
    }

    /// <summary>Changes a document in one step: <paramref name="change"/> is given the stored one (empty when none) and returns what to store.</summary>
    public JsonObject Update(string name, Func<JsonObject, JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return shared.Available ? UpdateShared(name, change) : UpdateLocal(name, change);
    }

    /// <summary>How many times the document has changed (0: never): cheap, for a bridge to see whether another changed it.</summary>
    public long Version(string name)
    {
        if (!shared.Available)
        {
            return 0;
        }

        using var command = shared.Command("SELECT version FROM ll_settings WHERE name = $1", name);
        return command.ExecuteScalar() is long version ? version : 0;
    }

    private JsonObject UpdateLocal(string name, Func<JsonObject, JsonObject> change)
    {
        lock (_lock)
        {
            var next = change(Load(name) ?? []);
            using var connection = store.Open();
            using var c = connection.CreateCommand();
            c.CommandText = "INSERT INTO settings (name, json, updated) VALUES ($n, $j, $u) ON CONFLICT (name) DO UPDATE SET json = excluded.json, updated = excluded.updated";
            c.Parameters.AddWithValue("$n", name);
            c.Parameters.AddWithValue("$j", next.ToJsonString(Compact));
            c.Parameters.AddWithValue("$u", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            c.ExecuteNonQuery();
            return next;
        }
    }

    private JsonObject UpdateShared(string name, Func<JsonObject, JsonObject> change)
    {
        using var connection = shared.Open();
        using var transaction = connection.BeginTransaction();
        // The row first (empty when new), so that the lock below holds even for a document no bridge has written yet.
        Execute(connection, transaction, "INSERT INTO ll_settings (name, json) VALUES ($1, '{}') ON CONFLICT (name) DO NOTHING", name);
        using var read = new NpgsqlCommand("SELECT json FROM ll_settings WHERE name = $1 FOR UPDATE", connection, transaction);
        read.Parameters.Add(new NpgsqlParameter { Value = name });
        var next = change(read.ExecuteScalar() is string json && JsonNode.Parse(json) is JsonObject stored ? stored : []);
        Execute(connection, transaction, "UPDATE ll_settings SET json = $2, version = version + 1, updated_ms = $3 WHERE name = $1", name, next.ToJsonString(Compact), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        transaction.Commit();
        return next;
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object[] values)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        command.ExecuteNonQuery();
    }
}
