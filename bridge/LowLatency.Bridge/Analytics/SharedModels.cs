using System.Text.Json;
using LowLatency.Bridge.Storage;

namespace LowLatency.Bridge.Analytics;

/// <summary>
/// The trained models of a bridge that serves the frontend across the cluster, shared in its PostgreSQL
/// (<c>ll_models</c>: each key's newest model files and when it was trained), so a model trained through one bridge
/// (or taken over by another) predicts, scans and exports through every bridge. Each bridge keeps its copy under
/// <c>DATA/models/</c> as before, replaced when the cluster's is newer. On any other bridge, nothing: models are its own.
/// </summary>
public sealed class SharedModels(SharedDatabase database)
{
    public bool Shared => database.Available;

    /// <summary>Puts a model's files from its directory, unless the cluster has one trained later.</summary>
    public void Put(string key, string directory, DateTimeOffset trainedAt)
    {
        if (!database.Available)
        {
            return;
        }

        var files = Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        using var command = database.Command(
            """
            INSERT INTO ll_models (key, trained_ms, files) VALUES ($1, $2, $3)
            ON CONFLICT (key) DO UPDATE SET trained_ms = excluded.trained_ms, files = excluded.files WHERE ll_models.trained_ms < excluded.trained_ms
            """,
            key, trainedAt.ToUnixTimeMilliseconds(), JsonSerializer.Serialize(files));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Replaces the directory's files with the cluster's model of the key when that was trained after
    /// <paramref name="have"/> (null: this bridge has none); whether it did. The files go to a new directory first,
    /// swapped in whole, so a reader never sees one model's files mixed with another's.
    /// </summary>
    public bool Fetch(string key, string directory, DateTimeOffset? have)
    {
        if (!database.Available)
        {
            return false;
        }

        using var command = database.Command("SELECT files FROM ll_models WHERE key = $1 AND trained_ms > $2", key, have?.ToUnixTimeMilliseconds() ?? long.MinValue);
        if (command.ExecuteScalar() is not string json || JsonSerializer.Deserialize<Dictionary<string, byte[]>>(json) is not { Count: > 0 } files)
        {
            return false;
        }

        var fresh = Directory.CreateDirectory($"{directory}.{Guid.NewGuid():N}").FullName;
        foreach (var (name, bytes) in files)
        {
            File.WriteAllBytes(Path.Combine(fresh, Path.GetFileName(name)), bytes); // the name alone: nothing stored writes outside the model's directory
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.Move(fresh, directory);
        return true;
    }
}
